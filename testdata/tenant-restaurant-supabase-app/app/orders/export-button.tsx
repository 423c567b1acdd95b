"use client";

import { exportOrders } from "@/app/actions/orders";

export function ExportButton({ restaurantId }: { restaurantId: string }) {
  return <button onClick={() => exportOrders(restaurantId)}>Export</button>;
}
