import { prisma } from "@/lib/prisma";

// Data-access helpers: callers check access (see app/api/**). Shapes seen in real
// Next.js + Prisma SaaS starters.

export async function addMember(orgId: string, userId: string) {
  return prisma.membership.upsert({ // ok: tenant/missing-org-filter
    where: { userId_orgId: { userId, orgId } },
    create: { userId, orgId, role: "MEMBER" },
    update: {},
  });
}

export async function removeMember(orgId: string, userId: string) {
  await prisma.membership.delete({ where: { userId_orgId: { userId, orgId } } }); // ok: tenant/missing-org-filter
}

export const getProjectById = (id: string) =>
  prisma.project.findUnique({ where: { id }, select: { id: true, orgId: true, name: true } }); // ok: tenant/missing-org-filter

export async function getInvoiceById(id: string) {
  return await prisma.invoice.findUnique({ where: { id } }); // ok: tenant/missing-org-filter
}

// A by-id helper given only the id: the caller picked the row and owns the tenant check.
export async function archiveProjectById(id: string) {
  const project = await prisma.project.update({ where: { id }, data: { status: "archived" } }); // ok: tenant/missing-org-filter
  console.info("archived", project.id);
  return project;
}

// Handed the caller's session, this helper is where the check belongs, and it skips it.
export async function archiveProjectFor(session: { user: { orgId: string } }, id: string) {
  const project = await prisma.project.update({ where: { id }, data: { status: "archived" } }); // expect: tenant/missing-org-filter
  console.info("archived", project.id, "for", session.user.orgId);
  return project;
}

export async function openProjects() {
  return prisma.project.findMany({ where: { status: "active" } }); // expect: tenant/missing-org-filter
}

// A client extended to inject the tenant into every query ($extends, ZenStack enhance).
export async function scopedProjects(orgId: string) {
  const tenantDb = withTenant(prisma, orgId);
  return tenantDb.project.findMany({ where: { status: "active" } }); // ok: tenant/missing-org-filter
}

declare function withTenant(client: typeof prisma, orgId: string): typeof prisma;

// The id comes from this helper's caller, through a transaction callback and a loop.
export async function deleteProjectsById(projectIds: string[]) {
  return prisma.$transaction(async (tx) => {
    for (const projectId of projectIds) {
      await tx.project.delete({ where: { id: projectId } }); // ok: tenant/missing-org-filter
    }
  });
}

// Given only the row's own id (even one whose name mentions the org), the caller owns
// the check.
export async function archiveOrgProject(orgProjectId: string) {
  await prisma.project.update({ where: { id: orgProjectId }, data: { status: "archived" } }); // ok: tenant/missing-org-filter
  return true;
}

// Ids the session already grants.
export async function grantedProjects(session: { user: { projectIds: string[] } }) {
  const ids = session.user.projectIds;
  return prisma.project.findMany({ where: { id: { in: ids } } }); // ok: tenant/missing-org-filter
}
