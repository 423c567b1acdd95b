"use server";

import { mergeOrdersFromForm } from "@/lib/order-cleanup";

// The "merge duplicates" button of the orders page posts here.
export async function mergeOrders(formData: FormData) {
  await mergeOrdersFromForm(formData);
}
