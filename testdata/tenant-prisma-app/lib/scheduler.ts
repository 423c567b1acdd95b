import { prisma } from "@/lib/prisma";

// Background jobs: one scheduler runs them for every organization. Nothing in the app
// names the scheduler (a worker process starts it), so no request reaches the queries.
export async function closeStaleProjects() {
  const stale = await prisma.project.findMany({ where: { status: "stale" } }); // ok: tenant/missing-org-filter
  return stale.map((p) => p.id);
}

export async function purgeFinishedTasks() {
  return prisma.task.deleteMany({ where: { status: "done" } }); // ok: tenant/missing-org-filter
}

export async function runScheduledJobs() {
  await Promise.allSettled([closeStaleProjects(), purgeFinishedTasks()]);
}

export function startScheduler(minutes = 15) {
  runScheduledJobs().catch(console.error);
  setInterval(() => {
    runScheduledJobs().catch(console.error);
  }, minutes * 60 * 1000);
}

// Called by `projectDigest` below, which the dashboard route imports: a request reaches it.
async function activeProjects() {
  return prisma.project.findMany({ where: { status: "active" } }); // expect: tenant/missing-org-filter
}

export async function projectDigest() {
  const projects = await activeProjects();
  return projects.map((p) => p.name);
}
