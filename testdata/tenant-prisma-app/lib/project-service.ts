"use server";

import "server-only";
import { prisma } from "./prisma";

// A "use server" module that imports "server-only": server-side helpers called after the
// caller's access check, not actions for the browser.
export async function listProjects(orgId: string) {
  return prisma.project.findMany({ where: { orgId } }); // ok: tenant/org-id-from-request
}
