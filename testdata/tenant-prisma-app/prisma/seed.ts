import { PrismaClient } from "@prisma/client";

const prisma = new PrismaClient();

const DEMO_PROJECTS = ["Website relaunch", "Mobile app", "Q3 planning"];
const DEMO_TASKS = ["Write brief", "Design review", "Ship it"];
// Demo login for local development (web/default-credentials territory, not a live secret).
const DEMO_PASSWORD = "Demo-Passw0rd!"; // ok: secrets/hardcoded-credential

async function main() {
  // Start from a clean slate every time `prisma db seed` runs.
  await prisma.auditLog.deleteMany(); // ok: tenant/missing-org-filter
  await prisma.task.deleteMany(); // ok: tenant/missing-org-filter
  await prisma.invoice.deleteMany(); // ok: tenant/missing-org-filter
  await prisma.project.deleteMany(); // ok: tenant/missing-org-filter
  await prisma.membership.deleteMany(); // ok: tenant/missing-org-filter
  await prisma.tag.deleteMany();
  await prisma.user.deleteMany();
  await prisma.organization.deleteMany();

  const acme = await prisma.organization.create({ data: { name: "Acme Inc", slug: "acme" } });
  const globex = await prisma.organization.create({ data: { name: "Globex", slug: "globex" } });

  const ada = await prisma.user.create({ data: { email: "ada@acme.test", name: "Ada Lovelace" } });
  const hank = await prisma.user.create({ data: { email: "hank@globex.test", name: "Hank Scorpio" } });
  await prisma.membership.createMany({
    data: [
      { userId: ada.id, orgId: acme.id, role: "owner" },
      { userId: hank.id, orgId: globex.id, role: "owner" },
    ],
  });

  await prisma.tag.createMany({
    data: [
      { name: "design", color: "#a855f7" },
      { name: "backend", color: "#0ea5e9" },
      { name: "urgent", color: "#ef4444" },
    ],
  });

  for (const [org, owner] of [
    [acme, ada],
    [globex, hank],
  ] as const) {
    await prisma.project.createMany({
      data: DEMO_PROJECTS.map((name) => ({ name, orgId: org.id, ownerId: owner.id })),
    });
    await prisma.invoice.create({
      data: {
        number: `INV-${org.slug.toUpperCase()}-0001`,
        amountCents: 4900,
        dueDate: new Date(Date.now() + 14 * 86_400_000),
        organizationId: org.id,
      },
    });
  }

  const projects = await prisma.project.findMany(); // ok: tenant/missing-org-filter
  for (const project of projects) {
    await prisma.task.createMany({
      data: DEMO_TASKS.map((title) => ({ title, orgId: project.orgId, projectId: project.id })),
    });
  }

  const taskCount = await prisma.task.count(); // ok: tenant/missing-org-filter
  console.log(`Seeded ${projects.length} projects and ${taskCount} tasks`);
}

main()
  .then(() => prisma.$disconnect())
  .catch(async (err) => {
    console.error(err);
    await prisma.$disconnect();
    process.exit(1);
  });
