"use server";

import Stripe from "stripe";
import { revalidatePath } from "next/cache";
import { createClient as createSupabaseClient } from "@supabase/supabase-js";
import { createClient } from "@/lib/supabase/server";

// The builder renamed the key to NEXT_PUBLIC_ to "fix" an undefined error. Read only in
// this server-only module, Next.js inlines it into no browser chunk: what ships is what
// the browser bundle imports.
const stripe = new Stripe(process.env.NEXT_PUBLIC_STRIPE_SECRET_KEY!, { apiVersion: "2024-06-20" }); // ok: secrets/client-exposed-secret

const admin = createSupabaseClient(
  process.env.NEXT_PUBLIC_SUPABASE_URL!,
  process.env.SUPABASE_SERVICE_ROLE_KEY!, // ok: secrets/client-exposed-secret
);

export async function updateDisplayName(formData: FormData) {
  const supabase = await createClient();
  const {
    data: { user },
  } = await supabase.auth.getUser();
  if (!user) throw new Error("Not signed in");

  const fullName = String(formData.get("full_name") ?? "").slice(0, 80);
  await admin.from("profiles").update({ full_name: fullName }).eq("id", user.id);
  revalidatePath("/settings");
}

export async function upcomingInvoiceTotal(): Promise<number | null> {
  const supabase = await createClient();
  const {
    data: { user },
  } = await supabase.auth.getUser();
  if (!user) return null;

  const { data: profile } = await admin.from("profiles").select("stripe_customer_id").eq("id", user.id).single();
  if (!profile?.stripe_customer_id) return null;
  const invoice = await stripe.invoices.retrieveUpcoming({ customer: profile.stripe_customer_id });
  return invoice.amount_due;
}
