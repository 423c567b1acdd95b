// A manager invites staff to a restaurant they name; their own roles say which
// restaurants they manage.
import { createClient } from "npm:@supabase/supabase-js@2";

Deno.serve(async (req) => {
  const admin = createClient(
    Deno.env.get("SUPABASE_URL")!,
    Deno.env.get("SUPABASE_SERVICE_ROLE_KEY")!,
  );
  const token = (req.headers.get("Authorization") ?? "").replace("Bearer ", "");
  const { data: { user } } = await admin.auth.getUser(token);
  if (!user) return new Response("unauthorized", { status: 401 });
  const { data: userRoles } = await admin
    .from("restaurant_staff")
    .select("restaurant_id, role")
    .eq("user_id", user.id);
  const { restaurantId, copyFromRestaurantId } = await req.json();

  const manages = userRoles?.some((r) => r.restaurant_id === restaurantId);
  if (!manages) return new Response("You do not manage this restaurant", { status: 403 });
  const { data: reservations } = await admin
    .from("reservations")
    .select("id, guest_name")
    .eq("restaurant_id", restaurantId); // ok: tenant/org-id-from-request

  // the same test of another restaurant, whose answer is only logged
  const managesSource = userRoles?.some((r) => r.restaurant_id === copyFromRestaurantId);
  console.log("copy from a managed restaurant:", managesSource);
  const { data: template } = await admin
    .from("reservations")
    .select("id, guest_name")
    .eq("restaurant_id", copyFromRestaurantId); // expect: tenant/org-id-from-request

  return new Response(JSON.stringify({ reservations, template }), {
    headers: { "Content-Type": "application/json" },
  });
});
