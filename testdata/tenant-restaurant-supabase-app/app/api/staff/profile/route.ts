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

// Renaming a colleague: only one who works at a restaurant the caller works at, or the
// caller themselves.
export async function PATCH(request: Request) {
  const authUser = await signedIn();
  if (!authUser) return NextResponse.json({ error: "Unauthorized" }, { status: 401 });
  const { profile_id, full_name } = await request.json();
  const { data: mine } = await admin
    .from("restaurant_staff")
    .select("restaurant_id")
    .eq("user_id", authUser.id);
  const { data: theirs } = await admin
    .from("restaurant_staff")
    .select("restaurant_id")
    .eq("user_id", profile_id);
  const myIds = (mine ?? []).map((s) => s.restaurant_id);
  const theirIds = (theirs ?? []).map((s) => s.restaurant_id);
  const hasAccess = theirIds.some((rid) => myIds.includes(rid)) || profile_id === authUser.id;
  if (!hasAccess) return NextResponse.json({ error: "Forbidden" }, { status: 403 });
  await admin.from("profiles").update({ full_name }).eq("id", profile_id); // ok: tenant/missing-org-filter
  return NextResponse.json({ ok: true });
}

// The same rename for anyone signed in: any profile, at any restaurant.
export async function PUT(request: Request) {
  const authUser = await signedIn();
  if (!authUser) return NextResponse.json({ error: "Unauthorized" }, { status: 401 });
  const { profile_id, full_name } = await request.json();
  await admin.from("profiles").update({ full_name }).eq("id", profile_id); // expect: tenant/missing-org-filter
  return NextResponse.json({ ok: true });
}
