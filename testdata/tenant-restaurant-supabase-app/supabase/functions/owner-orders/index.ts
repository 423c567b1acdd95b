// The same listing behind a check of the caller's role in the restaurant they belong
// to: a restaurant's admin is no platform staff.
import { createClient } from "npm:@supabase/supabase-js@2";

Deno.serve(async (req) => {
  const admin = createClient(
    Deno.env.get("SUPABASE_URL")!,
    Deno.env.get("SUPABASE_SERVICE_ROLE_KEY")!,
  );
  const jwt = (req.headers.get("Authorization") ?? "").replace("Bearer ", "");
  const { data: { user } } = await admin.auth.getUser(jwt);
  if (!user) return new Response("unauthorized", { status: 401 });

  const { data: role } = await admin
    .from("restaurant_staff")
    .select("role")
    .eq("user_id", user.id)
    .eq("role", "admin")
    .maybeSingle();
  if (!role) return new Response("forbidden", { status: 403 });

  const { data: orders } = await admin
    .from("orders") // expect: tenant/missing-org-filter
    .select("id, restaurant_id, total_cents");
  return Response.json(orders);
});
