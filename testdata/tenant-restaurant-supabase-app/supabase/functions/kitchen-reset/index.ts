// The unsafe twin of kitchen-sync: the caller is signed in, but the order named in the
// request and the rows the batch reads are never tied to the caller's restaurant.
import { createClient } from "npm:@supabase/supabase-js@2";

Deno.serve(async (req) => {
  const { order_id, limit, order_ids } = await req.json();
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

  // looked up by the id alone: any restaurant's order
  const { data: order } = await admin
    .from("orders") // expect: tenant/missing-org-filter
    .select("id, total_cents")
    .eq("id", order_id)
    .maybeSingle();
  if (!order) return new Response("not found", { status: 404 });
  // a tenant-filtered read of another table that only mentions the id in a string
  const { data: recent } = await admin
    .from("order_events")
    .select("order_id, kind")
    .eq("restaurant_id", staff.restaurant_id);
  const { data: events } = await admin
    .from("order_events") // expect: tenant/missing-org-filter
    .select("kind")
    .eq("order_id", order_id);

  // every restaurant's orders, in batches
  let pending = admin
    .from("orders") // expect: tenant/missing-org-filter
    .select("id, total_cents")
    .order("id", { ascending: true });
  if (limit) {
    pending = pending.limit(limit);
  }
  const { data: batch } = await pending;
  for (const row of batch ?? []) {
    // the row's own id: the finding is the read above
    await admin
      .from("orders") // ok: tenant/missing-org-filter
      .update({ total_cents: row.total_cents })
      .eq("id", row.id);
  }

  // the tenant filter only when the request names an order: every restaurant's otherwise
  let scoped = admin.from("orders").select("id, total_cents"); // expect: tenant/missing-org-filter
  if (order_id) scoped = scoped.eq("restaurant_id", staff.restaurant_id);
  const { data: listed } = await scoped;

  // the ids the request names, deduplicated: still the caller's choice
  const unique = [...new Set(order_ids as string[])].sort();
  for (const chunk of chunked(unique)) {
    await admin.from("orders").delete().in("id", chunk); // expect: tenant/missing-org-filter
  }

  return Response.json({ order, events, recent, listed, reset: batch?.length ?? 0 });
});

function chunked(ids: string[], size = 100): string[][] {
  const out: string[][] = [];
  for (let i = 0; i < ids.length; i += size) out.push(ids.slice(i, i + size));
  return out;
}
