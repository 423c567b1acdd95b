import { tool } from "ai";
import type { Session } from "next-auth";
import { z } from "zod";
import { assertAdmin } from "@/lib/auth";
import { deleteUserAccount, getTicket, issueRefund, markTicketResolved, refundOrderPayment } from "@/lib/admin";
import { searchKnowledgeBase } from "@/lib/kb";
import { sendEmail } from "@/lib/mailer";
import { getForecast } from "@/lib/weather";
import { browser } from "@/lib/browser";
import { fetchInvoicePdf, findMirrorTransaction, loadTransferPricing, sendSepaPayment } from "@/lib/compta";

// Tools every chat session gets.
export const supportTools = {
  getWeather: tool({ // ok: ai/unrestricted-tool
    description: "Get the weather forecast for a city (for delivery estimates)",
    inputSchema: z.object({ city: z.string() }),
    execute: async ({ city }) => getForecast(city),
  }),
  searchDocs: tool({ // ok: ai/unrestricted-tool
    description: "Search the help center articles",
    inputSchema: z.object({ query: z.string() }),
    execute: async ({ query }) => searchKnowledgeBase(query, { limit: 5 }),
  }),
  summarizeTicket: tool({ // ok: ai/unrestricted-tool
    description: "Fetch a support ticket so it can be summarized",
    inputSchema: z.object({ ticketId: z.string() }),
    execute: async ({ ticketId }) => getTicket(ticketId),
  }),
  listDeletedInvoices: tool({ // ok: ai/unrestricted-tool
    description: "List the invoices deleted this month and the charge each carried",
    inputSchema: z.object({ month: z.string() }),
    execute: async ({ month }) => searchKnowledgeBase(`deleted invoices ${month}`, { limit: 20 }),
  }),
  readPage: tool({ // ok: ai/unrestricted-tool
    description: "Read a help center page as text, without its navigation",
    inputSchema: z.object({ url: z.string().url() }),
    execute: async ({ url }) => {
      const page = await browser.newPage();
      await page.goto(url);
      // runs in the page: removes the page's own menus before reading its text
      return page.evaluate(() => {
        document.querySelectorAll("nav, header, footer").forEach((n) => n.remove());
        return document.body.innerText;
      });
    },
  }),
  purgeDrafts: tool({ // expect: ai/unrestricted-tool
    description: "Clean up the drafts of a ticket",
    inputSchema: z.object({ ticketId: z.string() }),
    execute: async ({ ticketId }) => {
      const page = await browser.newPage();
      await page.evaluate(() => document.querySelector("#drafts")?.remove());
      return markTicketResolved(ticketId);
    },
  }),
  deleteUser: tool({ // expect: ai/unrestricted-tool
    description: "Delete a user account and all of its data",
    inputSchema: z.object({ userId: z.string() }),
    execute: async ({ userId }) => {
      await deleteUserAccount(userId);
      return { deleted: userId };
    },
  }),
  refundOrder: tool({ // expect: ai/unrestricted-tool
    description: "Refund an order to the original payment method",
    inputSchema: z.object({ orderId: z.string(), reason: z.string().optional() }),
    execute: async ({ orderId, reason }) => refundOrderPayment(orderId, reason),
  }),
  sendCustomerEmail: tool({ // expect: ai/unrestricted-tool
    description: "Email a customer on behalf of the support team",
    inputSchema: z.object({ to: z.string().email(), subject: z.string(), body: z.string() }),
    execute: async ({ to, subject, body }) => sendEmail({ to, subject, text: body }),
  }),
  resolveTicket: tool({ // expect: ai/unrestricted-tool
    description: "Close a support ticket",
    inputSchema: z.object({ ticketId: z.string() }),
    execute: async ({ ticketId }) => {
      const ticket = await getTicket(ticketId);
      if (ticket.kind === "billing") await issueRefund(ticket.orderId, ticket.amountCents);
      return markTicketResolved(ticketId);
    },
  }),
};

// Tools for the staff console; the agent may offer them to anyone, so each one checks the caller.
export function adminTools(session: Session) {
  return {
    deleteUser: tool({ // ok: ai/unrestricted-tool
      description: "Delete a user account and all of its data",
      inputSchema: z.object({ userId: z.string() }),
      execute: async ({ userId }) => {
        if (session.user.role !== "admin") throw new Error("Only admins can delete users");
        await deleteUserAccount(userId);
        return { deleted: userId };
      },
    }),
    refundOrder: tool({ // ok: ai/unrestricted-tool
      description: "Refund an order to the original payment method",
      inputSchema: z.object({ orderId: z.string(), reason: z.string().optional() }),
      execute: async ({ orderId, reason }) => {
        assertAdmin(session.user);
        return refundOrderPayment(orderId, reason);
      },
    }),
  };
}

// Same actions for the support inbox, but every call waits for a human to approve it.
export const approvalTools = {
  refundOrder: tool({ // ok: ai/unrestricted-tool
    description: "Refund an order to the original payment method",
    inputSchema: z.object({ orderId: z.string(), reason: z.string().optional() }),
    needsApproval: true,
    execute: async ({ orderId, reason }) => refundOrderPayment(orderId, reason),
  }),
  sendCustomerEmail: tool({ // ok: ai/unrestricted-tool
    description: "Email a customer on behalf of the support team",
    inputSchema: z.object({ to: z.string().email(), subject: z.string(), body: z.string() }),
    needsApproval: true,
    execute: async ({ to, subject, body }) => sendEmail({ to, subject, text: body }),
  }),
};

// The accounting assistant (French UI): downloads and look-ups, and one payment.
export const comptaTools = {
  downloadInvoicePdf: tool({ // ok: ai/unrestricted-tool
    description: "Télécharge le PDF d'une facture (envoyé en pièce jointe). Fournir facture_id.",
    inputSchema: z.object({ factureId: z.string() }),
    execute: async ({ factureId }) => fetchInvoicePdf(factureId),
  }),
  getTransferPricing: tool({ // ok: ai/unrestricted-tool
    description: "Transfer pricing status of the group: OECD compliance of intra-group transactions.",
    inputSchema: z.object({ year: z.number() }),
    execute: async ({ year }) => loadTransferPricing(year),
  }),
  findInternalTransferPair: tool({ // ok: ai/unrestricted-tool
    description: "Search for the mirror counterpart of an internal transfer across own bank accounts.",
    inputSchema: z.object({ transactionId: z.string() }),
    execute: async ({ transactionId }) => findMirrorTransaction(transactionId),
  }),
  payVendor: tool({ // expect: ai/unrestricted-tool
    description: "Transfer funds from the company account to a vendor's IBAN.",
    inputSchema: z.object({ iban: z.string(), amountCents: z.number() }),
    execute: async ({ iban, amountCents }) => sendSepaPayment(iban, amountCents),
  }),
};
