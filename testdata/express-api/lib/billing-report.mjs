import Stripe from "stripe";

// Monthly revenue report for the ops dashboard. Restricted key: read-only access to invoices.
const stripe = new Stripe("rk_live_51NshFrW7kRjbW13G2in6D0jay7ygJKG7bgHmuL95qR8OM81LO0eJPTWGDywui", { apiVersion: "2024-06-20" }); // expect: secrets/hardcoded-credential

export async function paidInvoicesSince(unixSeconds) {
  const invoices = [];
  for await (const invoice of stripe.invoices.list({ status: "paid", created: { gte: unixSeconds }, limit: 100 })) {
    invoices.push({ id: invoice.id, total: invoice.total, currency: invoice.currency });
  }
  return invoices;
}
