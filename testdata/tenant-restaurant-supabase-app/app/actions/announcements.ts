"use server";

import { admin } from "@/lib/admin";

// The same shape, but a plain module hands it on to a browser component: the action's
// id ships in the bundle, and the browser chooses the restaurant.
export async function listAnnouncementReaders(restaurantId: string) {
  const { data } = await admin
    .from("restaurant_staff")
    .select("user_id, role")
    .eq("restaurant_id", restaurantId); // expect: tenant/org-id-from-request
  return data;
}
