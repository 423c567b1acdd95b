import { prisma } from "@/lib/prisma";

// Every organization's open invoices: served to a request through lib/invoice-service.
export async function loadOpenInvoices() {
  return prisma.invoice.findMany({ where: { status: "open" } }); // expect: tenant/missing-org-filter
}
