import { queueTicketAlert } from "./queue";

export async function openTicket(restaurantId: string, ticket: string) {
  await queueTicketAlert(restaurantId, ticket);
  return { ticket };
}
