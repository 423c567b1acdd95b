"use server";

import { clearOrderEvents, mergeOrdersFromForm } from "@/lib/order-cleanup";

// The "merge duplicates" button of the orders page posts here.
export async function mergeOrders(formData: FormData) {
  await mergeOrdersFromForm(formData);
}

// The "clear history" button of an order posts here.
export async function clearHistory(formData: FormData) {
  await clearOrderEvents(formData);
}
