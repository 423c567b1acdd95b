// Orders a waiter enters at the table. The restaurant comes from the request; the
// first lookup is the check that the signed-in waiter works there.
import { createClient } from "npm:@supabase/supabase-js@2";

Deno.serve(async (req) => {
  const { restaurant_id, total_cents } = await req.json();
  const admin = createClient(
    Deno.env.get("SUPABASE_URL")!,
    Deno.env.get("SUPABASE_SERVICE_ROLE_KEY")!,
  );
  const token = (req.headers.get("Authorization") ?? "").replace("Bearer ", "");
  const { data: { user: waiter } } = await admin.auth.getUser(token);
  if (!waiter) return new Response("unauthorized", { status: 401 });

  const { data: staffRow } = await admin
    .from("restaurant_staff")
    .select("role")
    .eq("user_id", waiter.id)
    .eq("restaurant_id", restaurant_id) // ok: tenant/org-id-from-request
    .maybeSingle();
  if (!staffRow) return new Response("forbidden", { status: 403 });

  const { data: order } = await admin
    .from("orders")
    .insert({ restaurant_id, total_cents })
    .select("id")
    .single();
  return new Response(JSON.stringify(order), {
    headers: { "Content-Type": "application/json" },
  });
});
