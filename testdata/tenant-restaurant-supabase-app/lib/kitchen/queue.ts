import { alertKitchenStaff, textStaffMember } from "@/app/actions/kitchen-alerts";

export async function queueTicketAlert(restaurantId: string, ticket: string) {
  return alertKitchenStaff(restaurantId, `New ticket ${ticket}`);
}

export async function smsFallback(userId: string) {
  return textStaffMember(userId, "Your ticket is waiting");
}
