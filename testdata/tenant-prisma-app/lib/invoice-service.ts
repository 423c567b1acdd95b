import { loadOpenInvoices } from "@/lib/invoice-queries";

export async function listOpenInvoices() {
  const invoices = await loadOpenInvoices();
  return invoices.map((i) => ({ number: i.number, amount: i.amountCents }));
}
