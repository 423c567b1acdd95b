// One edge function that serves many actions, written the way generated back offices
// are: the service-role client, the caller read from their token, and a check (or not)
// in each action.
import { createClient } from "npm:@supabase/supabase-js@2";

async function staffRestaurantIds(admin: any, userId: string): Promise<string[]> {
  // the membership lookup itself: the caller's own staff rows
  const { data } = await admin
    .from("restaurant_staff")
    .select("restaurant_id")
    .eq("user_id", userId);
  return (data ?? []).map((s: { restaurant_id: string }) => s.restaurant_id);
}

async function canManageOrder(admin: any, userId: string, orderId: string) {
  const { data: order } = await admin
    .from("orders")
    .select("restaurant_id")
    .eq("id", orderId) // ok: tenant/missing-org-filter
    .maybeSingle();
  if (!order) return false;
  const allowed = await staffRestaurantIds(admin, userId);
  return allowed.includes(order.restaurant_id);
}

Deno.serve(async (req) => {
  const admin = createClient(
    Deno.env.get("SUPABASE_URL")!,
    Deno.env.get("SUPABASE_SERVICE_ROLE_KEY")!,
  );
  const token = (req.headers.get("Authorization") ?? "").replace("Bearer ", "");
  const { data: { user } } = await admin.auth.getUser(token);
  if (!user) return new Response("unauthorized", { status: 401 });
  const body = await req.json();
  const { action } = body;

  if (action === "my-shifts") {
    // the caller's own rows, by a column named for the waiter
    const { data: shifts } = await admin
      .from("shifts") // ok: tenant/missing-org-filter
      .select("id, starts_at")
      .eq("staff_user_id", user.id);
    return Response.json({ shifts });
  }

  if (action === "colleague-shifts") {
    // anybody's shifts, named by the request
    const { data: shifts } = await admin
      .from("shifts") // expect: tenant/missing-org-filter
      .select("id, starts_at")
      .eq("staff_user_id", body.staff_user_id);
    return Response.json({ shifts });
  }

  if (action === "refund") {
    // checked first: the caller manages the order's restaurant
    if (!(await canManageOrder(admin, user.id, body.order_id))) {
      return new Response("forbidden", { status: 403 });
    }
    await admin
      .from("orders") // ok: tenant/missing-org-filter
      .update({ total_cents: 0 })
      .eq("id", body.order_id);
    return Response.json({ ok: true });
  }

  if (action === "void") {
    // a check that the order exists is not a check that the caller may touch it
    const { data: exists } = await admin
      .from("orders") // expect: tenant/missing-org-filter
      .select("id")
      .eq("id", body.order_id)
      .maybeSingle();
    if (!exists) return new Response("not found", { status: 404 });
    await admin
      .from("orders") // expect: tenant/missing-org-filter
      .delete()
      .eq("id", body.order_id);
    return Response.json({ ok: true });
  }

  if (action === "order-events") {
    // the events of an order the request names, whatever its restaurant
    const { data: events } = await admin
      .from("order_events") // expect: tenant/missing-org-filter
      .select("kind")
      .eq("order_id", body.order_id);
    return Response.json({ events });
  }

  if (action === "close-day") {
    // the row's restaurant is compared with the caller's after the lookup
    const allowed = await staffRestaurantIds(admin, user.id);
    const { data: order } = await admin
      .from("orders") // ok: tenant/missing-org-filter
      .select("id, restaurant_id")
      .eq("id", body.order_id)
      .single();
    if (!order || !allowed.includes(order.restaurant_id)) {
      return new Response("forbidden", { status: 403 });
    }
    // the orders of the caller's restaurant, then their events by each order's id
    const { data: orders } = await admin
      .from("orders")
      .select("id")
      .eq("restaurant_id", order.restaurant_id);
    for (const o of orders ?? []) {
      await admin
        .from("order_events") // ok: tenant/missing-org-filter
        .update({ kind: "closed" })
        .eq("order_id", o.id as string);
    }
    const { data: events } = await admin
      .from("order_events") // ok: tenant/missing-org-filter
      .select("kind")
      .in("order_id", (orders ?? []).map((o: { id: string }) => o.id));
    return Response.json({ events });
  }

  return new Response("unknown action", { status: 400 });
});
