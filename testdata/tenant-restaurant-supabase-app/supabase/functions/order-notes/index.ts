// Staff annotate an order. The order is found by the id in the request, and its
// restaurant is checked against the caller's before anything is changed.
import { createClient } from "npm:@supabase/supabase-js@2";
import { assertStaffOf } from "../_shared/access.ts";

Deno.serve(async (req) => {
  const { action, order_id, kind } = await req.json();
  const admin = createClient(
    Deno.env.get("SUPABASE_URL")!,
    Deno.env.get("SUPABASE_SERVICE_ROLE_KEY")!,
  );
  const token = (req.headers.get("Authorization") ?? "").replace("Bearer ", "");
  const { data: { user } } = await admin.auth.getUser(token);
  if (!user) return new Response("unauthorized", { status: 401 });

  if (action === "reprice") {
    // the row's restaurant checked by a helper right after the lookup
    const { data: existing } = await admin
      .from("orders") // ok: tenant/missing-org-filter
      .select("*")
      .eq("id", order_id)
      .maybeSingle();
    if (!existing) return new Response("not found", { status: 404 });
    await assertStaffOf(admin, user.id, existing.restaurant_id);
    const { data } = await admin
      .from("orders") // ok: tenant/missing-org-filter
      .update({ total_cents: 0 })
      .eq("id", order_id)
      .select()
      .single();
    return Response.json(data);
  }

  if (action === "void") {
    // the row's restaurant bound through a cast, then checked
    const { data: row } = await admin
      .from("orders") // ok: tenant/missing-org-filter
      .select("restaurant_id")
      .eq("id", order_id)
      .maybeSingle();
    if (!row) return new Response("not found", { status: 404 });
    const restaurantId = (row as { restaurant_id: string }).restaurant_id;
    await assertStaffOf(admin, user.id, restaurantId);
    return Response.json({ voided: order_id });
  }

  if (action === "flag") {
    // membership looked up for the order's restaurant, its answer kept in a flag
    const { data: order } = await admin
      .from("orders") // ok: tenant/missing-org-filter
      .select("id, restaurant_id")
      .eq("id", order_id)
      .single();
    const { data: membership } = await admin
      .from("restaurant_staff")
      .select("role")
      .eq("restaurant_id", order.restaurant_id)
      .eq("user_id", user.id)
      .maybeSingle();
    const allowed = !!membership;
    if (!allowed) return new Response("forbidden", { status: 403 });
    await admin
      .from("orders") // ok: tenant/missing-org-filter
      .update({ total_cents: 0 })
      .eq("id", order_id);
    return Response.json({ flagged: order.id });
  }

  // no check: the event written beside the order copies its restaurant and the caller's
  // id, which checks nothing
  const { data: order } = await admin
    .from("orders") // expect: tenant/missing-org-filter
    .select("id, restaurant_id, total_cents")
    .eq("id", order_id)
    .single();
  await admin
    .from("order_events")
    .insert({ restaurant_id: order.restaurant_id, order_id: order.id, kind, created_by: user.id });
  return Response.json(order);
});
