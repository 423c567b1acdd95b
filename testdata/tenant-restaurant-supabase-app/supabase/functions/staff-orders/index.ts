// The safe twin of export-orders: the caller is identified from their token, and their
// staff membership of the requested restaurant is checked before any query.
import { createClient } from "npm:@supabase/supabase-js@2";

Deno.serve(async (req) => {
  const { restaurant_id } = await req.json();
  const admin = createClient(
    Deno.env.get("SUPABASE_URL")!,
    Deno.env.get("SUPABASE_SERVICE_ROLE_KEY")!,
  );
  const token = (req.headers.get("Authorization") ?? "").replace("Bearer ", "");
  const { data: { user } } = await admin.auth.getUser(token);
  if (!user) return new Response("unauthorized", { status: 401 });

  const { data: staff } = await admin
    .from("restaurant_staff")
    .select("id")
    .eq("user_id", user.id)
    .eq("restaurant_id", restaurant_id)
    .maybeSingle();
  if (!staff) return new Response("forbidden", { status: 403 });

  const { data: orders } = await admin
    .from("orders")
    .select("id, total_cents")
    .eq("restaurant_id", restaurant_id); // ok: tenant/org-id-from-request

  return new Response(JSON.stringify({ orders }), {
    headers: { "Content-Type": "application/json" },
  });
});
