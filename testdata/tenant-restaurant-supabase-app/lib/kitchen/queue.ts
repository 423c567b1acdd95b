import { alertKitchenStaff } from "@/app/actions/kitchen-alerts";

export async function queueTicketAlert(restaurantId: string, ticket: string) {
  return alertKitchenStaff(restaurantId, `New ticket ${ticket}`);
}
