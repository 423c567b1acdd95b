import "server-only";
import { prisma } from "@/lib/prisma";

type OpenTaskRow = { id: string; title: string; status: string; assignee: string | null };
type MonthTotalRow = { month: Date; total: number };
type ProjectRow = { id: string; name: string; status: string; orgId: string };
type TagRow = { id: string; name: string; color: string };

// Workload report: open tasks with their assignee.
export async function openTasksReport(orgId: string) {
  // ok-next-line: tenant/missing-org-filter
  return prisma.$queryRaw<OpenTaskRow[]>`
    SELECT t.id, t.title, t.status, u.name AS assignee
    FROM "Task" t
    LEFT JOIN "User" u ON u.id = t."assigneeId"
    WHERE t."orgId" = ${orgId} AND t.status <> 'done'
    ORDER BY t."dueDate" NULLS LAST
  `;
}

// Overdue chart on the billing page.
export async function overdueByMonth() {
  // expect-next-line: tenant/missing-org-filter
  return prisma.$queryRaw<MonthTotalRow[]>`
    SELECT date_trunc('month', "dueDate") AS month, sum("amountCents")::int AS total
    FROM "Invoice"
    WHERE status = 'open' AND "dueDate" < now()
    GROUP BY 1
    ORDER BY 1
  `;
}

// Used by the public share page (/share/:projectId).
export async function projectById(id: string) {
  const rows = await prisma.$queryRawUnsafe<ProjectRow[]>(
    'SELECT id, name, status, "orgId" FROM "Project" WHERE id = $1 LIMIT 1', // expect: tenant/missing-org-filter
    id,
  );
  return rows[0] ?? null;
}

export async function projectsByStatus(orgId: string, status: string) {
  return prisma.$queryRawUnsafe<ProjectRow[]>(
    'SELECT id, name, status, "orgId" FROM "Project" WHERE "orgId" = $1 AND status = $2 ORDER BY "updatedAt" DESC', // ok: tenant/missing-org-filter
    orgId,
    status,
  );
}

// Tag picker autocomplete; `pattern` is e.g. "des%".
export async function tagsMatching(pattern: string) {
  return prisma.$queryRawUnsafe<TagRow[]>(
    'SELECT id, name, color FROM "Tag" WHERE name ILIKE $1 ORDER BY name LIMIT 20', // ok: tenant/missing-org-filter
    pattern,
  );
}

export async function openInvoices(orgId: string) {
  return prisma.invoice.findMany({ // ok: tenant/missing-org-filter
    where: { organization: { id: orgId }, status: "open" },
    orderBy: { dueDate: "asc" },
  });
}

export async function auditTrail(orgId: string, take = 100) {
  return prisma.auditLog.findMany({ // ok: tenant/missing-org-filter
    where: { tenantId: orgId },
    orderBy: { createdAt: "desc" },
    take,
  });
}
