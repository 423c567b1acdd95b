import { admin } from "./admin";

// A helper that takes its arguments as one object named `params`: its callers pass the
// restaurant of the signed-in staff member. Not Next.js route params.
export async function outstandingOrders(params: { restaurantId: string; since: string }) {
  const { count } = await admin
    .from("orders")
    .select("id", { count: "exact", head: true })
    .eq("restaurant_id", params.restaurantId) // ok: tenant/org-id-from-request
    .gte("created_at", params.since);
  return count ?? 0;
}
