// The platform's back office: a guard that throws unless the caller holds a platform
// role (the platform_users table: the platform's own staff, beside the restaurants'
// members), then any restaurant's orders, across tenants by design.
import { createClient } from "npm:@supabase/supabase-js@2";

function service() {
  return createClient(Deno.env.get("SUPABASE_URL")!, Deno.env.get("SUPABASE_SERVICE_ROLE_KEY")!);
}

async function getPlatformRole(userId: string): Promise<string | null> {
  const { data } = await service()
    .from("platform_users")
    .select("role")
    .eq("user_id", userId)
    .eq("is_active", true)
    .single();
  return data?.role ?? null;
}

async function requirePlatformRole(userId: string, allowed: string[]): Promise<string> {
  const role = await getPlatformRole(userId);
  if (!role || !allowed.includes(role)) throw new Error("FORBIDDEN");
  return role;
}

async function handleRestaurantOrders(user: { id: string }, params: URLSearchParams) {
  await requirePlatformRole(user.id, ["owner", "support"]);
  const restaurantId = params.get("restaurant_id");
  const { data } = await service()
    .from("orders")
    .select("id, total_cents, status")
    .eq("restaurant_id", restaurantId); // ok: tenant/org-id-from-request
  return Response.json({ orders: data });
}

Deno.serve(async (req) => {
  const jwt = (req.headers.get("Authorization") ?? "").replace("Bearer ", "");
  const { data: { user } } = await service().auth.getUser(jwt);
  if (!user) return new Response("unauthorized", { status: 401 });
  try {
    return await handleRestaurantOrders(user, new URL(req.url).searchParams);
  } catch {
    return new Response("forbidden", { status: 403 });
  }
});
