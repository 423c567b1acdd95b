import { prisma } from "@/lib/prisma";

// Nightly jobs: every organization's rows on purpose. The scheduler's route calls them
// behind CRON_SECRET; whether a helper is safe depends on every module that calls it.

// Called only by the cron route (imported by name through lib/jobs/index.ts).
export async function archiveStaleProjects(before: Date) {
  return prisma.project.updateMany({ where: { updatedAt: { lt: before } }, data: { status: "archived" } }); // ok: tenant/missing-org-filter
}

// Called only by the cron route, through a namespace import, from a callback.
export async function closeIdleProjects() {
  return eachPage(async (skip) =>
    prisma.project.findMany({ where: { status: "idle" }, skip, take: 100 }), // ok: tenant/missing-org-filter
  );
}

// The cron route calls it, and so does an unchecked request handler: every
// organization's tasks leak there.
export async function staleTasks() {
  return prisma.task.findMany({ where: { status: "todo" } }); // expect: tenant/missing-org-filter
}

// Handed to a job registry as a value: who runs it cannot be told.
export async function purgeDoneTasks() {
  return prisma.task.deleteMany({ where: { status: "done" } }); // expect: tenant/missing-org-filter
}

// Nothing names it, and no framework calls a module of lib/ by its exports: left
// behind by a refactor, it serves no request.
export async function allProjectNames() {
  return prisma.project.findMany({ select: { name: true } }); // ok: tenant/missing-org-filter
}

async function eachPage<T>(load: (skip: number) => Promise<T[]>): Promise<T[]> {
  const out: T[] = [];
  for (let skip = 0; ; skip += 100) {
    const page = await load(skip);
    out.push(...page);
    if (page.length < 100) return out;
  }
}
