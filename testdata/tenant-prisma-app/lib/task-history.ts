import { prisma } from "@/lib/prisma";

// A plain service class, as generators write them, exported as one instance.
class TaskHistoryService {
  // left behind by a refactor: no code calls it, only its unit test
  async latestCompletions() {
    return prisma.task.findMany({ where: { status: "done" }, orderBy: { completedAt: "desc" } }); // ok: tenant/missing-org-filter
  }

  // the overdue route calls this one for any signed-in user
  async overdueTasks() {
    return prisma.task.findMany({ where: { dueDate: { lt: new Date() } } }); // expect: tenant/missing-org-filter
  }
}

export const taskHistory = new TaskHistoryService();
