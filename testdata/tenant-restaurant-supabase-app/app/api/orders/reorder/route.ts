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

// The same check against a diner id the request names, or loosened by an alternative that
// ties nothing to the caller: anyone reads anyone's order.
export async function POST(request: Request) {
  const user = await signedIn();
  if (!user) return NextResponse.json({ error: "Unauthorized" }, { status: 401 });
  const { order_id, diner_id } = await request.json();
  const { data: diner } = await admin.from("diners").select("id").eq("user_id", user.id).maybeSingle();
  const { data: order } = await admin
    .from("orders") // expect: tenant/missing-org-filter
    .select("id, diner_id, note, total_cents")
    .eq("id", order_id)
    .single();
  if (!order || order.diner_id !== diner_id) return NextResponse.json({ error: "Forbidden" }, { status: 403 });
  const { data: again } = await admin
    .from("orders") // expect: tenant/missing-org-filter
    .select("id, diner_id, total_cents")
    .eq("id", order_id)
    .single();
  const reorderable = again?.diner_id === diner?.id || again?.total_cents === 0;
  if (!reorderable) return NextResponse.json({ error: "Forbidden" }, { status: 403 });
  return NextResponse.json({ order: again });
}
