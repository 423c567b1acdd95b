import { NextResponse, type NextRequest } from "next/server";
import { getServerSession } from "next-auth";
import { authOptions } from "@/lib/auth";
import { prisma } from "@/lib/prisma";

// GET /api/projects/search: the organization's projects and the starter projects every
// organization shares (orgId null)
export async function GET(request: NextRequest) {
  const session = await getServerSession(authOptions);
  if (!session?.user?.orgId) {
    return NextResponse.json({ error: "Unauthorized" }, { status: 401 });
  }
  const orgId = session.user.orgId;
  const q = request.nextUrl.searchParams.get("q");

  const where: Record<string, unknown> = {
    status: "active",
    OR: [{ orgId }, { orgId: null }],
  };
  const visible = await prisma.project.findMany({ where }); // ok: tenant/missing-org-filter

  // the search replaces the tenant alternatives with its own
  const search: Record<string, unknown> = { OR: [{ orgId: null }, { orgId }] };
  if (q) {
    search.OR = [{ name: { contains: q } }, { description: { contains: q } }];
  }
  const found = await prisma.project.findMany({ where: search }); // expect: tenant/missing-org-filter

  // one alternative is any organization's open tasks
  const tasks = await prisma.task.findMany({ // expect: tenant/missing-org-filter
    where: { OR: [{ orgId }, { status: "open" }] },
  });

  return NextResponse.json({ visible, found, tasks });
}
