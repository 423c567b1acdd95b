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
