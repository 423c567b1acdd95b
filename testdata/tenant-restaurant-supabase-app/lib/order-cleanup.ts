import "server-only";
import { admin } from "@/lib/admin";

// Archives the events of a restaurant's cancelled orders. The private helper gets the
// ids of orders just read for that restaurant: its lookup by order id is the server's.
export async function archiveCancelledOrderEvents(restaurantId: string) {
  const { data: cancelled } = await admin
    .from("orders")
    .select("id")
    .eq("restaurant_id", restaurantId)
    .eq("status", "cancelled");
  const orderIds = (cancelled ?? []).map((o) => o.id);
  await dropEvents(orderIds);
}

async function dropEvents(orderIds: string[]) {
  for (const batch of [orderIds.slice(0, 100), orderIds.slice(100)]) {
    await admin
      .from("order_events") // ok: tenant/missing-org-filter
      .delete()
      .in("order_id", batch);
  }
}

// The same shape handed an id from the form the browser posts: any restaurant's order.
export async function clearOrderEvents(formData: FormData) {
  await dropEventsOf([String(formData.get("orderId"))]);
}

async function dropEventsOf(orderIds: string[]) {
  await admin
    .from("order_events") // expect: tenant/missing-org-filter
    .delete()
    .in("order_id", orderIds);
}

// Merges a restaurant's duplicate orders: the ids are grouped in a map built from the
// restaurant's own rows, and each batch is repointed from a closure inside the loop.
export async function mergeDuplicateOrders(restaurantId: string) {
  const { data: rows } = await admin
    .from("orders")
    .select("id, reference")
    .eq("restaurant_id", restaurantId);
  const byReference = new Map<string, { id: string }[]>();
  for (const r of (rows || []) as { id: string; reference: string }[]) {
    if (!byReference.has(r.reference)) byReference.set(r.reference, []);
    byReference.get(r.reference)!.push(r);
  }
  for (const [, group] of byReference) {
    const [keep, ...rest] = [...group].sort((a, b) => a.id.localeCompare(b.id));
    const extraIds = rest.map((o) => o.id);
    await repointEvents(extraIds, keep.id);
  }
}

async function repointEvents(extraIds: string[], keepId: string) {
  for (const batch of [extraIds.slice(0, 100), extraIds.slice(100)]) {
    await Promise.all([
      (async () => {
        await admin
          .from("order_events") // ok: tenant/missing-org-filter
          .update({ order_id: keepId })
          .in("order_id", batch);
      })(),
    ]);
  }
}

// A map filled from the form the browser posts holds the browser's ids.
export async function mergeOrdersFromForm(formData: FormData) {
  const picked = new Map<string, string[]>();
  picked.set("all", []);
  picked.get("all")!.push(String(formData.get("orderId")));
  for (const [, ids] of picked) {
    await admin
      .from("order_events") // expect: tenant/missing-org-filter
      .delete()
      .in("order_id", ids);
  }
}
