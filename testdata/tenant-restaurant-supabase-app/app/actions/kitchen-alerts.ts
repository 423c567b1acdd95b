"use server";

import { admin } from "@/lib/admin";

// Exported from a "use server" module, but only server code reaches it: a plain helper
// module that the kitchen ticket route imports, and a unit test. Next.js exposes an
// action to the browser only through client code that references it.
export async function alertKitchenStaff(restaurantId: string, message: string) {
  const { data: staff } = await admin
    .from("restaurant_staff")
    .select("user_id, role")
    .eq("restaurant_id", restaurantId) // ok: tenant/org-id-from-request
    .eq("role", "chef");
  return { sent: staff?.length ?? 0, message };
}
