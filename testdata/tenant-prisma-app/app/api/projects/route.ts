import { NextResponse, type NextRequest } from "next/server";
import { getServerSession } from "next-auth";
import { authOptions } from "@/lib/auth";
import { prisma } from "@/lib/prisma";

const PAGE_SIZE = 20;

export async function GET(request: NextRequest) {
  const session = await getServerSession(authOptions);
  if (!session?.user?.orgId) {
    return NextResponse.json({ error: "Unauthorized" }, { status: 401 });
  }

  const page = Math.max(1, Number(request.nextUrl.searchParams.get("page") ?? "1"));
  const status = request.nextUrl.searchParams.get("status") ?? "active";

  const projects = await prisma.project.findMany({ // ok: tenant/missing-org-filter
    where: { orgId: session.user.orgId, status }, // ok: tenant/org-id-from-request
    include: { tags: true, _count: { select: { tasks: true } } },
    orderBy: { updatedAt: "desc" },
    skip: (page - 1) * PAGE_SIZE,
    take: PAGE_SIZE,
  });
  const total = await prisma.project.count({ where: { status } }); // expect: tenant/missing-org-filter

  return NextResponse.json({ projects, total, page, pageSize: PAGE_SIZE });
}

export async function POST(request: NextRequest) {
  const session = await getServerSession(authOptions);
  if (!session?.user?.orgId) {
    return NextResponse.json({ error: "Unauthorized" }, { status: 401 });
  }

  const { name, description } = await request.json();
  if (typeof name !== "string" || name.trim().length === 0) {
    return NextResponse.json({ error: "Name is required" }, { status: 400 });
  }

  const project = await prisma.project.create({ // ok: tenant/missing-org-filter
    data: {
      name: name.trim(),
      description: typeof description === "string" ? description : null,
      orgId: session.user.orgId,
      ownerId: session.user.id,
    },
  });
  return NextResponse.json({ project }, { status: 201 });
}
