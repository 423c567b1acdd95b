// Exports a restaurant's orders as CSV. Generated the way edge functions usually are:
// the service-role client, and the restaurant taken from the request body.
import { createClient } from "npm:@supabase/supabase-js@2";

Deno.serve(async (req) => {
  const { restaurant_id, since } = await req.json();
  const admin = createClient(
    Deno.env.get("SUPABASE_URL")!,
    Deno.env.get("SUPABASE_SERVICE_ROLE_KEY")!,
  );

  // any caller names any restaurant: reported once, at the first query that takes it
  const { data: orders } = await admin
    .from("orders")
    .select("id, total_cents, customer_phone")
    .eq("restaurant_id", restaurant_id) // expect: tenant/org-id-from-request
    .gte("created_at", since);

  // the same value again: part of the same finding, not a second one
  const { data: events } = await admin
    .from("order_events")
    .select("order_id, kind")
    .eq("restaurant_id", restaurant_id); // ok: tenant/org-id-from-request

  // and a lookup with no restaurant filter at all
  const { data: menu } = await admin
    .from("menu_items") // expect: tenant/missing-org-filter
    .select("id, name, price_cents");

  return new Response(JSON.stringify({ orders, events, menu }), {
    headers: { "Content-Type": "application/json" },
  });
});
