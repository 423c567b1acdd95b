import { NextResponse } from "next/server";
import { cookies } from "next/headers";
import { createServerClient } from "@supabase/ssr";
import { admin } from "@/lib/admin";

async function signedIn() {
  const store = await cookies();
  const supabase = createServerClient(
    process.env.NEXT_PUBLIC_SUPABASE_URL!,
    process.env.NEXT_PUBLIC_SUPABASE_ANON_KEY!,
    { cookies: { getAll: () => store.getAll() } },
  );
  const { data } = await supabase.auth.getUser();
  return data.user;
}

// A diner cancels one of their own orders: the order is tied to the caller through the
// diner record their sign-in owns.
export async function POST(request: Request) {
  const user = await signedIn();
  if (!user) return NextResponse.json({ error: "Unauthorized" }, { status: 401 });
  const { order_id } = await request.json();
  const { data: diner } = await admin.from("diners").select("id").eq("user_id", user.id).maybeSingle();
  if (!diner) return NextResponse.json({ error: "No diner profile" }, { status: 404 });
  const { data: order } = await admin
    .from("orders") // ok: tenant/missing-org-filter
    .select("id, diner_id, note")
    .eq("id", order_id)
    .single();
  if (!order) return NextResponse.json({ error: "Not found" }, { status: 404 });
  const isMine = order.diner_id === diner.id;
  if (!isMine) return NextResponse.json({ error: "Forbidden" }, { status: 403 });
  await admin.from("orders").update({ note: "cancelled" }).eq("id", order_id); // ok: tenant/missing-org-filter
  return NextResponse.json({ cancelled: order.id });
}
