// Platform support looks at the orders of the restaurant a ticket names. The restaurant
// comes from the request on purpose: the caller is platform staff, asked first.
import { createClient } from "@supabase/supabase-js";
import { NextResponse, type NextRequest } from "next/server";

const url = process.env.NEXT_PUBLIC_SUPABASE_URL!;

export async function GET(request: NextRequest) {
  const token = (request.headers.get("authorization") ?? "").replace("Bearer ", "");
  const restaurantId = request.nextUrl.searchParams.get("restaurant");
  const admin = createClient(url, process.env.SUPABASE_SERVICE_ROLE_KEY!);
  const userScoped = createClient(url, process.env.NEXT_PUBLIC_SUPABASE_ANON_KEY!, {
    global: { headers: { Authorization: `Bearer ${token}` } },
  });
  const { data: isStaff } = await userScoped.rpc("is_platform_admin");
  if (!isStaff) {
    return NextResponse.json({ error: "Forbidden" }, { status: 403 });
  }
  const { data: orders } = await admin
    .from("orders")
    .select("id, status, total")
    .eq("restaurant_id", restaurantId); // ok: tenant/org-id-from-request
  return NextResponse.json({ orders });
}

// the same read for anyone signed in: the caller picks whose orders they see
export async function POST(request: NextRequest) {
  const { restaurantId } = await request.json();
  const admin = createClient(url, process.env.SUPABASE_SERVICE_ROLE_KEY!);
  const { data: orders } = await admin
    .from("orders")
    .select("id, status, total")
    .eq("restaurant_id", restaurantId); // expect: tenant/org-id-from-request
  return NextResponse.json({ orders });
}
