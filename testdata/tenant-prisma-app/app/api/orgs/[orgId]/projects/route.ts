import { NextResponse } from "next/server";
import { getServerSession } from "next-auth";
import { authOptions, requireOrgAccess } from "@/lib/auth";
import { prisma } from "@/lib/prisma";

type Ctx = { params: { orgId: string } };

// Project list for the org switcher: /api/orgs/:orgId/projects
export async function GET(_request: Request, { params }: Ctx) {
  const session = await getServerSession(authOptions);
  if (!session?.user) {
    return NextResponse.json({ error: "Unauthorized" }, { status: 401 });
  }

  await requireOrgAccess(session.user.id, params.orgId);

  const projects = await prisma.project.findMany({ // ok: tenant/missing-org-filter
    where: { orgId: params.orgId }, // ok: tenant/org-id-from-request
    include: { _count: { select: { tasks: true } } },
    orderBy: { name: "asc" },
  });
  return NextResponse.json({ projects });
}

// "Archive stale projects" button in the org settings.
export async function PATCH(request: Request, { params }: Ctx) {
  const session = await getServerSession(authOptions);
  if (!session?.user) {
    return NextResponse.json({ error: "Unauthorized" }, { status: 401 });
  }

  const membership = await prisma.membership.findFirst({ // ok: tenant/missing-org-filter
    where: { userId: session.user.id, orgId: params.orgId }, // ok: tenant/org-id-from-request
  });
  if (!membership) {
    return NextResponse.json({ error: "Forbidden" }, { status: 403 });
  }

  const { olderThanDays = 90 } = await request.json();
  const cutoff = new Date(Date.now() - Number(olderThanDays) * 86_400_000);
  const result = await prisma.project.updateMany({ // ok: tenant/missing-org-filter
    where: { orgId: params.orgId, status: "active", updatedAt: { lt: cutoff } }, // ok: tenant/org-id-from-request
    data: { status: "archived" },
  });
  return NextResponse.json({ archived: result.count });
}

// "Empty archive": permanently removes the org's archived projects.
export async function DELETE(_request: Request, { params }: Ctx) {
  const session = await getServerSession(authOptions);
  if (!session?.user) {
    return NextResponse.json({ error: "Unauthorized" }, { status: 401 });
  }

  const { count } = await prisma.project.deleteMany({ // ok: tenant/missing-org-filter
    where: { orgId: params.orgId, status: "archived" }, // expect: tenant/org-id-from-request
  });
  return NextResponse.json({ deleted: count });
}
