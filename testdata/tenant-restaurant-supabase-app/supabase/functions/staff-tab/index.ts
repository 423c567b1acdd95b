// The same lookup keyed by a user id the request names: anyone can pass a waiter's id
// and read that restaurant's staff list.
import { createClient } from "npm:@supabase/supabase-js@2";

Deno.serve(async (req) => {
  const { restaurant_id, user_id } = await req.json();
  const admin = createClient(
    Deno.env.get("SUPABASE_URL")!,
    Deno.env.get("SUPABASE_SERVICE_ROLE_KEY")!,
  );
  const { data: staff } = await admin
    .from("restaurant_staff")
    .select("user_id, role")
    .eq("user_id", user_id)
    .eq("restaurant_id", restaurant_id); // expect: tenant/org-id-from-request
  return new Response(JSON.stringify(staff), {
    headers: { "Content-Type": "application/json" },
  });
});
