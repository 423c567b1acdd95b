// One menu item by id. DELETE loads the item and asserts the caller works at its
// restaurant in one helper, which throws otherwise; PATCH loads it for a log line only.
import { createClient } from "@supabase/supabase-js";
import { NextResponse, type NextRequest } from "next/server";

const url = process.env.NEXT_PUBLIC_SUPABASE_URL!;
const admin = createClient(url, process.env.SUPABASE_SERVICE_ROLE_KEY!);

class Forbidden extends Error {}

async function assertStaffOf(userId: string, restaurantId: string) {
  const { data } = await admin
    .from("restaurant_staff")
    .select("id")
    .eq("user_id", userId)
    .eq("restaurant_id", restaurantId)
    .maybeSingle();
  if (!data) throw new Forbidden("not staff here");
}

async function loadItemAndAssertAccess(userId: string, id: string) {
  const { data } = await admin
    .from("menu_items")
    .select("id, restaurant_id")
    .eq("id", id)
    .single();
  await assertStaffOf(userId, data.restaurant_id);
  return data;
}

async function loadItemForLog(userId: string, id: string) {
  const { data } = await admin.from("menu_items").select("id, name").eq("id", id).single(); // expect: tenant/missing-org-filter
  console.info("menu item touched", userId, data?.name);
  return data;
}

async function signedInUser(request: NextRequest) {
  const token = (request.headers.get("authorization") ?? "").replace("Bearer ", "");
  const { data } = await admin.auth.getUser(token);
  return data.user;
}

type Params = { params: Promise<{ id: string }> };

export async function DELETE(request: NextRequest, { params }: Params) {
  const { id } = await params;
  const user = await signedInUser(request);
  if (!user) return NextResponse.json({ error: "Unauthorized" }, { status: 401 });
  await loadItemAndAssertAccess(user.id, id);
  const { error } = await admin
    .from("menu_items") // ok: tenant/missing-org-filter
    .delete()
    .eq("id", id);
  return NextResponse.json({ ok: !error });
}

export async function PATCH(request: NextRequest, { params }: Params) {
  const { id } = await params;
  const user = await signedInUser(request);
  if (!user) return NextResponse.json({ error: "Unauthorized" }, { status: 401 });
  await loadItemForLog(user.id, id);
  const body = await request.json();
  const { error } = await admin
    .from("menu_items") // expect: tenant/missing-org-filter
    .update({ name: String(body.name ?? "") })
    .eq("id", id);
  return NextResponse.json({ ok: !error });
}
