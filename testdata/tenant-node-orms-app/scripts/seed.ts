import "reflect-metadata";
import mongoose from "mongoose";
import { AppDataSource } from "../data-source";
import { connectMongo } from "../db/mongo";
import { Document } from "../entities/document";
import { Folder } from "../entities/folder";
import { Membership } from "../models/mongoose/membership";
import { Note } from "../models/mongoose/note";
import { Organization } from "../models/mongoose/organization";
import { Plan } from "../models/mongoose/plan";
import { Project } from "../models/mongoose/project";
import { User } from "../models/mongoose/user";
import { sequelize } from "../models/sequelize";
import { Customer } from "../models/sequelize/customer";
import { Invoice } from "../models/sequelize/invoice";

const DEMO_PROJECTS = ["Website relaunch", "Mobile app", "Q3 planning"];

async function main() {
  await connectMongo();
  await sequelize.sync();
  await AppDataSource.initialize();
  const docs = AppDataSource.getRepository(Document);
  const folders = AppDataSource.getRepository(Folder);

  // Start from a clean slate every time `npm run seed` runs.
  await Note.deleteMany({}); // ok: tenant/missing-org-filter
  await Project.deleteMany({}); // ok: tenant/missing-org-filter
  await Membership.deleteMany({}); // ok: tenant/missing-org-filter
  await User.deleteMany({}); // ok: tenant/missing-org-filter
  await Organization.deleteMany({});
  await Plan.deleteMany({});
  await Invoice.destroy({ where: {}, truncate: true }); // ok: tenant/missing-org-filter
  await Customer.destroy({ truncate: true, cascade: true }); // ok: tenant/missing-org-filter
  await docs.clear();
  await folders.clear();

  const [starter] = await Plan.create([
    { name: "Starter", slug: "starter", priceCents: 0, seats: 3, features: ["projects", "notes"] },
    { name: "Team", slug: "team", priceCents: 2900, seats: 20, features: ["projects", "notes", "docs", "billing"] },
  ]);

  for (const [name, slug, email] of [
    ["Acme Inc", "acme", "ada@acme.test"],
    ["Globex", "globex", "hank@globex.test"],
  ]) {
    const org = await Organization.create({ name, slug, planId: starter._id });
    const owner = await User.create({ email, name: email.split("@")[0], orgId: org._id, role: "owner" });
    await Membership.create({ userId: owner._id, orgId: org._id, role: "owner" });
    await Project.insertMany(DEMO_PROJECTS.map((p) => ({ name: p, orgId: org._id, ownerId: owner._id })));

    const customer = await Customer.create({ orgId: String(org._id), name: `${name} customer`, email: `billing@${slug}.test` });
    await Invoice.create({
      organizationId: String(org._id),
      customerId: customer.id,
      number: `INV-${slug.toUpperCase()}-0001`,
      amountCents: 4900,
      dueDate: new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10),
      paidAt: null,
    });

    const folder = await folders.save(folders.create({ workspaceId: String(org._id), title: "Handbook", parentId: null }));
    await docs.save(
      docs.create({ workspaceId: String(org._id), folderId: folder.id, authorId: String(owner._id), title: "Welcome", body: "Hello!" }),
    );
  }

  const projects = await Project.find().lean(); // ok: tenant/missing-org-filter
  for (const project of projects) {
    await Note.create({ orgId: project.orgId, projectId: project._id, authorId: project.ownerId, title: "Kickoff notes" });
  }

  const documentCount = await docs.count(); // ok: tenant/missing-org-filter
  const invoiceCount = await Invoice.count(); // ok: tenant/missing-org-filter
  console.log(`Seeded ${projects.length} projects, ${documentCount} documents and ${invoiceCount} invoices`);
}

main()
  .then(() => mongoose.disconnect())
  .catch(async (err) => {
    console.error(err);
    await mongoose.disconnect();
    process.exit(1);
  });
