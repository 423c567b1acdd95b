import { NextResponse } from "next/server";
import { getServerSession } from "next-auth";
import { authOptions } from "@/lib/auth";
import { prisma } from "@/lib/prisma";

type Ctx = { params: { id: string } };

export async function GET(_request: Request, { params }: Ctx) {
  const session = await getServerSession(authOptions);
  if (!session?.user) {
    return NextResponse.json({ error: "Unauthorized" }, { status: 401 });
  }

  const project = await prisma.project.findUnique({ // ok: tenant/missing-org-filter
    where: { id: params.id },
    include: { tasks: { orderBy: { createdAt: "asc" } }, tags: true },
  });
  if (!project || project.orgId !== session.user.orgId) {
    return NextResponse.json({ error: "Not found" }, { status: 404 });
  }
  return NextResponse.json({ project });
}

export async function PATCH(request: Request, { params }: Ctx) {
  const session = await getServerSession(authOptions);
  if (!session?.user) {
    return NextResponse.json({ error: "Unauthorized" }, { status: 401 });
  }

  const body = await request.json();
  const project = await prisma.project.update({ // expect: tenant/missing-org-filter
    where: { id: params.id },
    data: {
      name: body.name,
      description: body.description,
      status: body.status,
    },
  });
  return NextResponse.json({ project });
}

export async function DELETE(_request: Request, { params }: Ctx) {
  const session = await getServerSession(authOptions);
  if (!session?.user) {
    return NextResponse.json({ error: "Unauthorized" }, { status: 401 });
  }

  const project = await prisma.project.findFirst({ // ok: tenant/missing-org-filter
    where: { id: params.id, orgId: session.user.orgId }, // ok: tenant/org-id-from-request
    select: { id: true },
  });
  if (!project) {
    return NextResponse.json({ error: "Not found" }, { status: 404 });
  }

  // Tasks go with it (onDelete: Cascade).
  await prisma.project.delete({ where: { id: params.id } }); // ok: tenant/missing-org-filter
  await prisma.auditLog.create({ // ok: tenant/missing-org-filter
    data: {
      tenantId: session.user.orgId,
      userId: session.user.id,
      action: "project.deleted",
      targetId: params.id,
    },
  });
  return new NextResponse(null, { status: 204 });
}
