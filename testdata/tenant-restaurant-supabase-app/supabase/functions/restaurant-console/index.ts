// The same console for a restaurant's managers: the guard throws unless the caller
// manages *some* restaurant, then reads whichever restaurant the URL names.
import { createClient } from "npm:@supabase/supabase-js@2";

function service() {
  return createClient(Deno.env.get("SUPABASE_URL")!, Deno.env.get("SUPABASE_SERVICE_ROLE_KEY")!);
}

async function requireManagerRole(userId: string): Promise<void> {
  const { data } = await service()
    .from("restaurant_staff")
    .select("role")
    .eq("user_id", userId)
    .eq("role", "manager")
    .limit(1);
  if (!data?.length) throw new Error("FORBIDDEN");
}

async function handleRestaurantOrders(user: { id: string }, params: URLSearchParams) {
  await requireManagerRole(user.id);
  const restaurantId = params.get("restaurant_id");
  const { data } = await service()
    .from("orders")
    .select("id, total_cents, status")
    .eq("restaurant_id", restaurantId); // expect: tenant/org-id-from-request
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
