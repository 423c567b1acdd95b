import { NextResponse } from "next/server";
import { cookies } from "next/headers";
import { createServerClient } from "@supabase/ssr";
import { admin } from "@/lib/admin";

// The platform's own support staff: the roles are a constant of the module.
const SUPPORT_ROLES = ["admin", "super_admin"];
// A restaurant's managers beside the platform's staff: a tenant's role lets its holders in.
const REFUND_ROLES = ["manager", "super_admin"];

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

async function roleOf(userId: string): Promise<string> {
  const { data } = await admin.from("profiles").select("role").eq("id", userId).single();
  return data?.role ?? "";
}

// Support looks any restaurant's order up by id.
export async function GET(request: Request) {
  const user = await signedIn();
  if (!user) return NextResponse.json({ error: "Unauthorized" }, { status: 401 });
  const role = await roleOf(user.id);
  if (!SUPPORT_ROLES.includes(role)) {
    return NextResponse.json({ error: "Forbidden" }, { status: 403 });
  }
  const id = new URL(request.url).searchParams.get("id");
  const { data: order } = await admin
    .from("orders") // ok: tenant/missing-org-filter
    .select("id, restaurant_id, total_cents")
    .eq("id", id)
    .single();
  return NextResponse.json({ order });
}

// A refund by any restaurant's manager: every manager reaches every restaurant's orders.
export async function POST(request: Request) {
  const user = await signedIn();
  if (!user) return NextResponse.json({ error: "Unauthorized" }, { status: 401 });
  const role = await roleOf(user.id);
  if (!REFUND_ROLES.includes(role)) {
    return NextResponse.json({ error: "Forbidden" }, { status: 403 });
  }
  const { id } = await request.json();
  const { data: order } = await admin
    .from("orders") // expect: tenant/missing-org-filter
    .select("id, restaurant_id, total_cents")
    .eq("id", id)
    .single();
  return NextResponse.json({ order });
}
