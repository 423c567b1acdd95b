import "server-only";
import { admin } from "@/lib/admin";

// Keeps the ids of one table that belong to the restaurant: the table is named at run
// time, the restaurant column is the data model's.
async function scopeIdsToRestaurant(table: string, ids: string[], restaurantId: string) {
  const { data } = await admin
    .from(table)
    .select("id")
    .in("id", ids)
    .eq("restaurant_id", restaurantId);
  return (data || []).map((r: { id: string }) => r.id);
}

// Bulk delete of a restaurant's reviews (its callers check the caller runs that
// restaurant): the ids the browser picked are narrowed to the restaurant's first.
export async function deleteReviews(ids: string[], restaurantId: string) {
  const scopedIds = await scopeIdsToRestaurant("reviews", ids, restaurantId);
  const { data: snapshot } = await admin
    .from("reviews") // ok: tenant/missing-org-filter
    .select("*")
    .in("id", scopedIds);
  await admin.from("reviews").delete().in("id", scopedIds); // ok: tenant/missing-org-filter
  return snapshot;
}

// The same shape with a helper that only drops ids no row has: any restaurant's review
// passes through it.
async function existingIds(table: string, ids: string[]) {
  const { data } = await admin.from(table).select("id").in("id", ids);
  return (data || []).map((r: { id: string }) => r.id);
}

export async function deleteReviewsUnscoped(ids: string[]) {
  const known = await existingIds("reviews", ids);
  await admin.from("reviews").delete().in("id", known); // expect: tenant/missing-org-filter
}
