import { Router } from "express";
import { Op, type WhereOptions } from "sequelize";
import { assertMembership, requireAuth } from "../middleware/auth";
import { Organization } from "../models/mongoose/organization";
import { Plan } from "../models/mongoose/plan";
import { Customer } from "../models/sequelize/customer";
import { Invoice } from "../models/sequelize/invoice";
import { TaxRate } from "../models/sequelize/tax-rate";

export const billingRouter = Router();

// Public pricing page.
billingRouter.get("/plans", async (_req, res) => {
  const plans = await Plan.find({ active: true }).sort({ priceCents: 1 }).lean(); // ok: tenant/missing-org-filter
  res.json({ plans });
});

billingRouter.get("/tax-rates", requireAuth, async (req, res) => {
  const rates = await TaxRate.findAll({ where: { country: String(req.query.country ?? "US") } }); // ok: tenant/missing-org-filter
  res.json({ rates });
});

// Billing overview page.
billingRouter.get("/billing", requireAuth, async (req, res) => {
  const org = await Organization.findById(req.user.orgId).populate("planId").lean(); // ok: tenant/missing-org-filter
  const invoices = await Invoice.findAll({ // ok: tenant/missing-org-filter
    where: { organizationId: req.user.orgId }, // ok: tenant/org-id-from-request
    order: [["dueDate", "DESC"]],
    limit: 24,
  });
  const overdue = await Invoice.count({ where: { status: "open", dueDate: { [Op.lt]: new Date().toISOString().slice(0, 10) } } }); // expect: tenant/missing-org-filter
  res.json({ org, invoices, overdue });
});

// Accountant view: the org switcher passes ?orgId= for whichever client org is selected.
billingRouter.get("/invoices", requireAuth, async (req, res) => {
  const status = typeof req.query.status === "string" ? req.query.status : "open";
  const invoices = await Invoice.findAll({ // ok: tenant/missing-org-filter
    where: { organizationId: req.query.orgId as string, status }, // expect: tenant/org-id-from-request
    order: [["dueDate", "ASC"]],
  });
  res.json({ invoices });
});

// Invoice links in emails look like /invoices/number/INV-0042.
billingRouter.get("/invoices/number/:number", requireAuth, async (req, res) => {
  const invoice = await Invoice.findOne({ where: { number: req.params.number } }); // expect: tenant/missing-org-filter
  if (!invoice) {
    return res.status(404).json({ error: "Invoice not found" });
  }
  res.json({ invoice });
});

billingRouter.get("/invoices/:id", requireAuth, async (req, res) => {
  const invoice = await Invoice.findByPk(req.params.id); // ok: tenant/missing-org-filter
  if (!invoice || invoice.organizationId !== req.user.orgId) {
    return res.status(404).json({ error: "Invoice not found" });
  }
  const customer = await Customer.findOne({ where: { id: invoice.customerId, orgId: req.user.orgId } }); // ok: tenant/missing-org-filter, tenant/org-id-from-request
  res.json({ invoice, customer });
});

billingRouter.post("/invoices/:id/void", requireAuth, async (req, res) => {
  const [count] = await Invoice.update({ status: "void" }, { where: { id: req.params.id } }); // expect: tenant/missing-org-filter
  if (count === 0) {
    return res.status(404).json({ error: "Invoice not found" });
  }
  res.json({ ok: true });
});

// "Discard draft" button on the invoice editor.
billingRouter.delete("/invoices/:id", requireAuth, async (req, res) => {
  const removed = await Invoice.destroy({ where: { id: req.params.id, status: "draft" } }); // expect: tenant/missing-org-filter
  if (removed === 0) {
    return res.status(404).json({ error: "Draft not found" });
  }
  res.status(204).end();
});

billingRouter.post("/invoices/:id/mark-paid", requireAuth, async (req, res) => {
  const invoice = await Invoice.findOne({ where: { id: req.params.id, organizationId: req.user.orgId } }); // ok: tenant/missing-org-filter, tenant/org-id-from-request
  if (!invoice) {
    return res.status(404).json({ error: "Invoice not found" });
  }
  await Invoice.update({ status: "paid", paidAt: new Date() }, { where: { id: req.params.id } }); // ok: tenant/missing-org-filter
  res.json({ ok: true });
});

billingRouter.get("/customers", requireAuth, async (req, res) => {
  const where: WhereOptions = { orgId: res.locals.user.orgId }; // ok: tenant/org-id-from-request
  if (typeof req.query.q === "string" && req.query.q) {
    Object.assign(where, {
      [Op.or]: [{ name: { [Op.iLike]: `%${req.query.q}%` } }, { email: { [Op.iLike]: `%${req.query.q}%` } }],
    });
  }
  const customers = await Customer.findAll({ where, order: [["name", "ASC"]], limit: 50 }); // ok: tenant/missing-org-filter
  res.json({ customers });
});

billingRouter.get("/customers/:id", requireAuth, async (req, res) => {
  const customer = await Customer.findByPk(req.params.id); // expect: tenant/missing-org-filter
  if (!customer) {
    return res.status(404).json({ error: "Customer not found" });
  }
  const invoices = await Invoice.findAll({ where: { customerId: customer.id, organizationId: req.user.orgId } }); // ok: tenant/missing-org-filter, tenant/org-id-from-request
  res.json({ customer, invoices });
});

// Customer edit form; the client sends the active org with every save.
billingRouter.put("/customers/:id", requireAuth, async (req, res) => {
  const { orgId, name, email, phone } = req.body;
  const [updated] = await Customer.update( // ok: tenant/missing-org-filter
    { name, email, phone },
    { where: { id: req.params.id, orgId } }, // expect: tenant/org-id-from-request
  );
  if (updated === 0) {
    return res.status(404).json({ error: "Customer not found" });
  }
  res.json({ ok: true });
});

billingRouter.delete("/customers/:id", requireAuth, async (req, res) => {
  const removed = await Customer.destroy({ where: { id: req.params.id, orgId: req.user.orgId } }); // ok: tenant/missing-org-filter, tenant/org-id-from-request
  if (removed === 0) {
    return res.status(404).json({ error: "Customer not found" });
  }
  res.status(204).end();
});

// Org switcher deep link: /orgs/:orgId/customers
billingRouter.get("/orgs/:orgId/customers", requireAuth, async (req, res) => {
  const { orgId } = req.params;
  await assertMembership(req.user.id, orgId);
  const customers = await Customer.findAll({ where: { orgId }, order: [["name", "ASC"]] }); // ok: tenant/missing-org-filter, tenant/org-id-from-request
  const count = await Customer.count({ where: { orgId } }); // ok: tenant/missing-org-filter, tenant/org-id-from-request
  res.json({ customers, count });
});
