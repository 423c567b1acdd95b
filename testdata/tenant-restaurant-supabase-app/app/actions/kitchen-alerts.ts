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

// A text to a staff member, by a user id that only server code hands it.
export async function textStaffMember(userId: string, message: string) {
  const { data } = await admin.from("profiles").select("phone").eq("id", userId).single(); // ok: tenant/missing-org-filter
  if (!data?.phone) return { sent: false };
  await fetch("https://sms.example.com/send", {
    method: "POST",
    body: JSON.stringify({ to: data.phone, message }),
  });
  return { sent: true };
}
