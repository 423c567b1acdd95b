// Staff sync the kitchen display: the caller's restaurant comes from their staff row, and
// every id the function later uses comes from a row already read for that restaurant.
import { createClient } from "npm:@supabase/supabase-js@2";

Deno.serve(async (req) => {
  const { order_id, limit } = await req.json();
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
  const restaurantId = staff.restaurant_id;

  // the order named in the request is checked against the caller's restaurant first
  const { data: order } = await admin
    .from("orders")
    .select("id, total_cents")
    .eq("id", order_id)
    .eq("restaurant_id", restaurantId)
    .maybeSingle();
  if (!order) return new Response("not found", { status: 404 });
  const { data: events } = await admin
    .from("order_events") // ok: tenant/missing-org-filter
    .select("kind")
    .eq("order_id", order_id);

  // a query built in steps, then read in batches
  let pending = admin
    .from("orders")
    .select("id, total_cents")
    .eq("restaurant_id", restaurantId)
    .order("id", { ascending: true });
  if (limit) {
    pending = pending.limit(limit);
  }
  const { data: batch } = await pending;
  for (const row of batch ?? []) {
    await admin
      .from("orders") // ok: tenant/missing-org-filter
      .update({ total_cents: row.total_cents })
      .eq("id", row.id);
  }

  // the progress row is read for the restaurant, or made for it
  let { data: progress } = await admin
    .from("order_events")
    .select("id")
    .eq("restaurant_id", restaurantId)
    .eq("kind", "sync")
    .maybeSingle();
  if (!progress) {
    const { data: created } = await admin
      .from("order_events")
      .insert({ restaurant_id: restaurantId, order_id: order.id, kind: "sync" })
      .select("id")
      .single();
    progress = created;
  }
  await admin
    .from("order_events") // ok: tenant/missing-org-filter
    .update({ kind: "synced" })
    .eq("id", progress.id);

  // the filter added to the query in a second step, unconditionally
  let todays = admin.from("orders").select("id, total_cents"); // ok: tenant/missing-org-filter
  todays = todays.eq("restaurant_id", restaurantId);
  const { data: today } = await todays;

  // the restaurant's empty orders, sorted, deduplicated and deleted in chunks
  const { data: all } = await admin
    .from("orders")
    .select("id, total_cents")
    .eq("restaurant_id", restaurantId);
  const list = (all || []) as { id: string; total_cents: number }[];
  const sorted = [...list].sort((a, b) => a.id.localeCompare(b.id));
  const emptyIds = [...new Set(sorted.filter((o) => o.total_cents === 0).map((o) => o.id))];
  for (const chunk of chunked(emptyIds)) {
    await admin.from("orders").delete().in("id", chunk); // ok: tenant/missing-org-filter
  }

  // the restaurant's orders again, each handed to a helper that walks the list ten at a
  // time; a helper that takes no list hands its callback nothing of it
  await mapWithConcurrency(list, 10, async (o) => {
    await admin.from("order_events").delete().eq("order_id", o.id); // ok: tenant/missing-org-filter
  });
  await withRetry(order_id, async (o) => {
    await admin.from("order_events").delete().eq("order_id", o.id); // expect: tenant/missing-org-filter
  });

  return Response.json({ events, today, synced: batch?.length ?? 0 });
});

async function mapWithConcurrency<T>(items: T[], limit: number, run: (item: T) => Promise<void>) {
  for (let i = 0; i < items.length; i += limit) {
    await Promise.all(items.slice(i, i + limit).map(run));
  }
}

async function withRetry<T>(value: T, run: (value: T) => Promise<void>) {
  try {
    await run(value);
  } catch {
    await run(value);
  }
}

function chunked(ids: string[], size = 100): string[][] {
  const out: string[][] = [];
  for (let i = 0; i < ids.length; i += size) out.push(ids.slice(i, i + size));
  return out;
}
