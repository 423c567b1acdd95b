import { prisma } from "@/lib/prisma";

// Platform audit helpers kept for a back office that was never built: only their unit
// tests call them, directly or through the barrel, and a doc comment shows one:
//   const logs = await queryAuditLogs({ tenantId: "org_1" });
export async function queryAuditLogs(options: { tenantId?: string; action?: string } = {}) {
  const where: Record<string, unknown> = {};
  if (options.tenantId) where.tenantId = options.tenantId;
  if (options.action) where.action = options.action;
  return prisma.auditLog.findMany({ where, take: 50 }); // ok: tenant/missing-org-filter
}

// ... while a route serves this one to any signed-in user, through the barrel
export async function recentAuditActions() {
  return prisma.auditLog.findMany({ orderBy: { createdAt: "desc" }, take: 20 }); // expect: tenant/missing-org-filter
}
