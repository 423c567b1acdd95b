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

// A text to any staff member, by an id the browser sends through the board.
export async function textReader(userId: string, message: string) {
  const { data } = await admin.from("profiles").select("phone").eq("id", userId).single(); // expect: tenant/missing-org-filter
  if (!data?.phone) return { sent: false };
  await fetch("https://sms.example.com/send", {
    method: "POST",
    body: JSON.stringify({ to: data.phone, message }),
  });
  return { sent: true };
}
