import { Op } from "sequelize";
import { AppDataSource } from "../data-source";
import { Document } from "../entities/document";
import { Project } from "../models/mongoose/project";
import { Customer } from "../models/sequelize/customer";
import { Invoice } from "../models/sequelize/invoice";

// Data-access helpers shared by the routes. Callers of the by-id helpers check
// that the record belongs to the caller's organization.

export const findProjectById = (id: string) => Project.findById(id).lean(); // ok: tenant/missing-org-filter

export async function getCustomer(id: string) {
  return Customer.findByPk(id); // ok: tenant/missing-org-filter
}

export async function getDocument(id: string) {
  return await AppDataSource.getRepository(Document).findOneBy({ id }); // ok: tenant/missing-org-filter
}

export async function archiveProject(id: string) {
  const project = await Project.findByIdAndUpdate(id, { status: "archived" }, { new: true }); // ok: tenant/missing-org-filter
  console.info("archived project", project?._id);
  return project;
}

export async function archiveProjectForViewer(viewer: { orgId: string }, id: string) {
  const project = await Project.findByIdAndUpdate(id, { status: "archived" }, { new: true }); // expect: tenant/missing-org-filter
  console.info("archived project", project?._id);
  return project;
}

// Invoice picker in the "Record payment" dialog.
export async function unpaidInvoices() {
  return Invoice.findAll({ where: { status: { [Op.in]: ["draft", "open"] } }, order: [["dueDate", "ASC"]] }); // expect: tenant/missing-org-filter
}

export async function openInvoiceTotal(orgId: string) {
  return Invoice.sum("amountCents", { where: { organizationId: orgId, status: "open" } }); // ok: tenant/missing-org-filter
}
