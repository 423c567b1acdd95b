import { queueTicketAlert, smsFallback } from "./queue";

export async function openTicket(restaurantId: string, ticket: string, chefUserId: string) {
  const { sent } = await queueTicketAlert(restaurantId, ticket);
  if (sent === 0) await smsFallback(chefUserId);
  return { ticket };
}
