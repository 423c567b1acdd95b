"use server";

import { admin } from "@/lib/admin";

// Exported from a "use server" module, but only other server code imports it: Next.js
// exposes an action to the browser only through client code that references it.
export async function closeStaleOrders(restaurantId: string) {
  await admin
    .from("order_events")
    .delete()
    .eq("restaurant_id", restaurantId) // ok: tenant/org-id-from-request
    .lt("created_at", new Date(Date.now() - 86_400_000).toISOString());
}
