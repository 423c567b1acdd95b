"use server";

import { cookies } from "next/headers";
import { createServerClient } from "@supabase/ssr";
import { admin } from "@/lib/admin";

async function currentUser() {
  const store = await cookies();
  const supabase = createServerClient(
    process.env.NEXT_PUBLIC_SUPABASE_URL!,
    process.env.NEXT_PUBLIC_SUPABASE_ANON_KEY!,
    { cookies: { getAll: () => store.getAll() } },
  );
  const { data } = await supabase.auth.getUser();
  return data.user;
}

// Accepting an invitation: the code from the invite email is the one row its holder may
// take, whatever restaurant it belongs to.
export async function acceptInvitation(code: string) {
  const user = await currentUser();
  if (!user) throw new Error("Sign in first");
  const { data: accepted } = await admin
    .from("staff_invitations") // ok: tenant/missing-org-filter
    .update({ status: "accepted" })
    .eq("invitation_code", code)
    .eq("status", "pending")
    .select("id, restaurant_id");
  return accepted?.[0] ?? null;
}

// Declining by the address the form posts: anyone declines every restaurant's pending
// invitations of any address.
export async function declineInvitations(email: string) {
  const user = await currentUser();
  if (!user) throw new Error("Sign in first");
  await admin
    .from("staff_invitations") // expect: tenant/missing-org-filter
    .update({ status: "declined" })
    .eq("email", email)
    .eq("status", "pending");
}
