import { NextResponse } from "next/server";
import { cookies } from "next/headers";
import { prisma } from "@/lib/prisma";
import { validateSuperAdminSession } from "@/lib/super-admin";

// Back-office reports: the helpers below run only after the super-admin check.
export async function POST() {
  const session = await validateSuperAdminSession(cookies().get("adminToken")?.value ?? "");
  if (!session) {
    return NextResponse.json({ error: "Unauthorized" }, { status: 401 });
  }
  return NextResponse.json({ usage: await usageReport(), recent: await recentProjects(5) });
}

// The same helper also answers an unchecked request: every organization's projects leak.
export async function GET() {
  return NextResponse.json({ recent: await recentProjects(20) });
}

async function usageReport() {
  return prisma.project.count({ where: { archived: false } }); // ok: tenant/missing-org-filter
}

const recentProjects = async (take: number) =>
  prisma.project.findMany({ orderBy: { createdAt: "desc" }, take }); // expect: tenant/missing-org-filter
