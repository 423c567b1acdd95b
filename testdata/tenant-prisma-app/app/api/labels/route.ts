import { NextResponse, type NextRequest } from "next/server";
import { getServerSession } from "next-auth";
import { authOptions } from "@/lib/auth";
import { prisma } from "@/lib/prisma";

// Labels for the settings page: filtered by the relation's key under Prisma's own
// naming (`organizationId` for the `organization` relation).
export async function GET() {
  const session = await getServerSession(authOptions);
  if (!session?.user) return NextResponse.json({ error: "Unauthorized" }, { status: 401 });
  const user = await prisma.user.findUnique({
    where: { id: session.user.id },
    include: { memberships: true },
  });
  if (!user || user.memberships.length === 0) {
    return NextResponse.json({ error: "No organization" }, { status: 404 });
  }
  const orgId = user.memberships[0].orgId;
  const labels = await prisma.label.findMany({ // ok: tenant/missing-org-filter
    where: { organizationId: orgId },
  });
  return NextResponse.json({ labels });
}

// Renaming every label of that name, in every organization.
export async function PATCH(request: NextRequest) {
  const session = await getServerSession(authOptions);
  if (!session?.user) return NextResponse.json({ error: "Unauthorized" }, { status: 401 });
  const { from, to } = await request.json();
  const renamed = await prisma.label.updateMany({ // expect: tenant/missing-org-filter
    where: { name: from },
    data: { name: to },
  });
  return NextResponse.json({ renamed: renamed.count });
}
