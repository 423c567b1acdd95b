// Platform moderation of reviews: the caller's token is asked whether they are platform
// staff (a database function with no restaurant argument) before any cross-restaurant read.
import { createClient } from "@supabase/supabase-js";
import { NextResponse, type NextRequest } from "next/server";

const url = process.env.NEXT_PUBLIC_SUPABASE_URL!;

export async function GET(request: NextRequest) {
  const token = (request.headers.get("authorization") ?? "").replace("Bearer ", "");
  const admin = createClient(url, process.env.SUPABASE_SERVICE_ROLE_KEY!);
  const userScoped = createClient(url, process.env.NEXT_PUBLIC_SUPABASE_ANON_KEY!, {
    global: { headers: { Authorization: `Bearer ${token}` } },
  });
  const { data: isStaff, error } = await userScoped.rpc("is_platform_admin");
  if (error || !isStaff) {
    return NextResponse.json({ error: "Forbidden" }, { status: 403 });
  }
  const { data: flagged } = await admin
    .from("reviews") // ok: tenant/missing-org-filter
    .select("id, restaurant_id, rating")
    .lt("rating", 2);
  return NextResponse.json({ flagged });
}

// the same read after asking about one restaurant's admins: any restaurant's admin passes
export async function DELETE(request: NextRequest) {
  const token = (request.headers.get("authorization") ?? "").replace("Bearer ", "");
  const restaurantId = request.nextUrl.searchParams.get("restaurant");
  const admin = createClient(url, process.env.SUPABASE_SERVICE_ROLE_KEY!);
  const userScoped = createClient(url, process.env.NEXT_PUBLIC_SUPABASE_ANON_KEY!, {
    global: { headers: { Authorization: `Bearer ${token}` } },
  });
  const { data: isOwner } = await userScoped.rpc("is_restaurant_admin", { restaurant_id: restaurantId });
  if (!isOwner) {
    return NextResponse.json({ error: "Forbidden" }, { status: 403 });
  }
  const { error } = await admin
    .from("reviews") // expect: tenant/missing-org-filter
    .delete()
    .lt("rating", 2);
  return NextResponse.json({ ok: !error });
}
