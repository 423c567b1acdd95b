// The kitchen's board: the orders behind the lines of the caller's restaurant. The
// lines carry no restaurant_id; their order does, and an inner join filters by it.
import { createClient } from "npm:@supabase/supabase-js@2";

Deno.serve(async (req) => {
  const admin = createClient(
    Deno.env.get("SUPABASE_URL")!,
    Deno.env.get("SUPABASE_SERVICE_ROLE_KEY")!,
  );
  const token = (req.headers.get("Authorization") ?? "").replace("Bearer ", "");
  const { data: { user } } = await admin.auth.getUser(token);
  if (!user) return new Response("unauthorized", { status: 401 });
  const { data: staff } = await admin
    .from("restaurant_staff")
    .select("restaurant_id")
    .eq("user_id", user.id)
    .single();
  if (!staff) return new Response("forbidden", { status: 403 });

  // `orders!inner`: only the lines whose order is this restaurant's
  const { data: lines } = await admin
    .from("order_lines")
    .select("order_id, dish, order:orders!inner(restaurant_id)")
    .eq("order.restaurant_id", staff.restaurant_id);
  const orderIds = (lines ?? []).map((l) => l.order_id);
  const { data: orders } = await admin
    .from("orders") // ok: tenant/missing-org-filter
    .select("id, total_cents")
    .in("id", orderIds.length ? orderIds : ["00000000-0000-0000-0000-000000000000"]);

  // without `!inner` the filter only trims the embedded order: every restaurant's lines
  // come back, and so do their orders
  const { data: everyLine } = await admin
    .from("order_lines")
    .select("order_id, orders(restaurant_id)")
    .eq("orders.restaurant_id", staff.restaurant_id);
  const everyOrderId = (everyLine ?? []).map((l) => l.order_id);
  const { data: everyOrder } = await admin
    .from("orders") // expect: tenant/missing-org-filter
    .select("id, total_cents")
    .in("id", everyOrderId.length ? everyOrderId : ["00000000-0000-0000-0000-000000000000"]);

  return new Response(JSON.stringify({ lines, orders, everyOrder }), {
    headers: { "Content-Type": "application/json" },
  });
});
