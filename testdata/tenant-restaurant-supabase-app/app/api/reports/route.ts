// Reports for the restaurant picked in the switcher. The POST handler tests the requested
// restaurant against the caller's own staff rows before any branch reads it; GET forgot.
import { createClient } from "@supabase/supabase-js";
import { NextResponse, type NextRequest } from "next/server";

const url = process.env.NEXT_PUBLIC_SUPABASE_URL!;

async function caller(request: NextRequest) {
  const token = (request.headers.get("authorization") ?? "").replace("Bearer ", "");
  const userScoped = createClient(url, process.env.NEXT_PUBLIC_SUPABASE_ANON_KEY!, {
    global: { headers: { Authorization: `Bearer ${token}` } },
  });
  const { data } = await userScoped.auth.getUser(token);
  return data.user;
}

export async function POST(request: NextRequest) {
  const user = await caller(request);
  if (!user) return NextResponse.json({ error: "Unauthorized" }, { status: 401 });
  const admin = createClient(url, process.env.SUPABASE_SERVICE_ROLE_KEY!);
  const body = await request.json();

  // tenant isolation: the requested restaurant must be one the caller works at
  const { data: staffRows } = await admin
    .from("restaurant_staff")
    .select("restaurant_id")
    .eq("user_id", user.id);
  const allowed = staffRows?.map((s) => s.restaurant_id) ?? [];
  const requested = body.restaurant_id || body.restaurantId;
  if (requested && !allowed.includes(requested)) {
    return NextResponse.json({ error: "Forbidden" }, { status: 403 });
  }

  if (body.kind === "revenue") {
    const { restaurant_id } = body;
    const { data } = await admin
      .from("orders")
      .select("total_cents")
      .eq("restaurant_id", restaurant_id); // ok: tenant/org-id-from-request
    return NextResponse.json({ data });
  }
  if (body.kind === "shifts") {
    const { restaurant_id: restaurantId } = body;
    const { data } = await admin
      .from("shifts")
      .select("id, starts_at")
      .eq("restaurant_id", restaurantId); // ok: tenant/org-id-from-request
    return NextResponse.json({ data });
  }
  // another field of the body was not the one tested
  const { data } = await admin
    .from("reservations")
    .select("id")
    .eq("restaurant_id", body.other_restaurant_id); // expect: tenant/org-id-from-request
  return NextResponse.json({ data });
}

export async function GET(request: NextRequest) {
  const user = await caller(request);
  if (!user) return NextResponse.json({ error: "Unauthorized" }, { status: 401 });
  const admin = createClient(url, process.env.SUPABASE_SERVICE_ROLE_KEY!);
  const restaurantId = request.nextUrl.searchParams.get("restaurant");
  // a list that does not come from the caller proves nothing
  const { data: open } = await admin.from("restaurants").select("id").eq("is_open", true);
  const openIds = (open ?? []).map((r) => r.id);
  if (!openIds.includes(restaurantId)) {
    return NextResponse.json({ error: "Closed" }, { status: 404 });
  }
  const { data } = await admin
    .from("orders")
    .select("total_cents")
    .eq("restaurant_id", restaurantId); // expect: tenant/org-id-from-request
  return NextResponse.json({ data });
}
