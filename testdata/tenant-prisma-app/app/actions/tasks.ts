"use server";

import { revalidatePath } from "next/cache";
import { getServerSession } from "next-auth";
import type { Prisma } from "@prisma/client";
import { authOptions } from "@/lib/auth";
import { prisma } from "@/lib/prisma";

async function requireUser() {
  const session = await getServerSession(authOptions);
  if (!session?.user?.orgId) throw new Error("Not signed in");
  return session.user;
}

export async function listTasks(projectId: string, status?: string) {
  const user = await requireUser();
  const where: Prisma.TaskWhereInput = { orgId: user.orgId, projectId }; // ok: tenant/org-id-from-request
  if (status) where.status = status;
  return prisma.task.findMany({ where, orderBy: { createdAt: "asc" } }); // ok: tenant/missing-org-filter
}

export async function searchTasks(query: string) {
  const user = await requireUser();
  const scope = { orgId: user.orgId };
  return prisma.task.findMany({ // ok: tenant/missing-org-filter
    where: { ...scope, title: { contains: query, mode: "insensitive" } },
    include: { project: { select: { id: true, name: true } } },
    take: 20,
  });
}

// Task drawer: opened from a link such as /tasks?open=<id>.
export async function getTask(id: string) {
  await requireUser();
  const task = await prisma.task.findUnique({ // expect: tenant/missing-org-filter
    where: { id },
    include: { project: true, assignee: { select: { name: true, image: true } } },
  });
  if (!task) throw new Error("Task not found");
  return task;
}

// Edit form: same lookup, but the task must belong to the caller's organization.
export async function getTaskForEdit(id: string) {
  const user = await requireUser();
  const task = await prisma.task.findUniqueOrThrow({ where: { id } }); // ok: tenant/missing-org-filter
  if (task.orgId !== user.orgId) throw new Error("Task not found");
  return task;
}

export async function completeTask(id: string) {
  const user = await requireUser();
  const task = await prisma.task.findFirst({ where: { id, orgId: user.orgId } }); // ok: tenant/missing-org-filter, tenant/org-id-from-request
  if (!task) throw new Error("Task not found");

  await prisma.task.update({ // ok: tenant/missing-org-filter
    where: { id },
    data: { status: "done", completedAt: new Date() },
  });
  revalidatePath(`/projects/${task.projectId}`);
}

export async function deleteTask(id: string) {
  const user = await requireUser();
  await prisma.task.deleteMany({ where: { id, orgId: user.orgId } }); // ok: tenant/missing-org-filter
  revalidatePath("/tasks");
}

export async function moveTasks(fromProjectId: string, toProjectId: string) {
  const user = await requireUser();
  const target = await prisma.project.findFirst({ where: { id: toProjectId, orgId: user.orgId } }); // ok: tenant/missing-org-filter
  if (!target) throw new Error("Project not found");

  const { count } = await prisma.task.updateMany({ // ok: tenant/missing-org-filter
    where: { AND: [{ orgId: user.orgId }, { projectId: fromProjectId }] },
    data: { projectId: target.id },
  });
  revalidatePath("/projects");
  return count;
}

export async function listTags() {
  return prisma.tag.findMany({ orderBy: { name: "asc" } }); // ok: tenant/missing-org-filter
}

export async function listMyOrganizations() {
  const user = await requireUser();
  return prisma.membership.findMany({ // ok: tenant/missing-org-filter
    where: { userId: user.id },
    include: { org: { select: { id: true, name: true, slug: true } } },
  });
}

export async function myRecentActivity() {
  const session = await getServerSession(authOptions);
  if (!session?.user) return [];
  return prisma.auditLog.findMany({ // ok: tenant/missing-org-filter
    where: { userId: session.user.id },
    orderBy: { createdAt: "desc" },
    take: 25,
  });
}
