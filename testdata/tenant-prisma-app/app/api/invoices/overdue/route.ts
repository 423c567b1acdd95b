import { NextResponse, type NextRequest } from "next/server";
import { getServerSession } from "next-auth";
import { authOptions, requireOrgAccess } from "@/lib/auth";
import { prisma } from "@/lib/prisma";

// The query lives in a helper of this file; the organization comes from its callers.
async function overdueFor(orgId: string) {
  return prisma.invoice.findMany({
    where: { organizationId: orgId, status: "overdue" }, // expect: tenant/org-id-from-request
  });
}

async function overdueCount(orgId: string) {
  return prisma.invoice.count({
    where: { organizationId: orgId, status: "overdue" }, // ok: tenant/org-id-from-request
  });
}

// Any signed-in user names any organization: its overdue invoices come back.
export async function GET(request: NextRequest) {
  const session = await getServerSession(authOptions);
  if (!session?.user) {
    return NextResponse.json({ error: "Unauthorized" }, { status: 401 });
  }
  const orgId = request.nextUrl.searchParams.get("orgId") ?? "";
  return NextResponse.json(await overdueFor(orgId));
}

// The caller's membership of the organization is checked before the helper runs.
export async function POST(request: NextRequest) {
  const session = await getServerSession(authOptions);
  if (!session?.user) {
    return NextResponse.json({ error: "Unauthorized" }, { status: 401 });
  }
  const { orgId } = await request.json();
  await requireOrgAccess(session.user.id, orgId);
  return NextResponse.json({ overdue: await overdueCount(orgId) });
}
