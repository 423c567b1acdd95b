import { NextResponse, type NextRequest } from "next/server";
import { getServerSession } from "next-auth";
import { authOptions } from "@/lib/auth";
import { prisma } from "@/lib/prisma";

// Imports a project: the row is made here for the caller's organization, then moved
// through its states by its own id.
export async function POST(request: NextRequest) {
  const session = await getServerSession(authOptions);
  if (!session?.user?.orgId) {
    return NextResponse.json({ error: "Unauthorized" }, { status: 401 });
  }
  const { name, sourceId, templateId } = await request.json();
  const project = await prisma.project.create({ data: { name, orgId: session.user.orgId, status: "importing" } });
  await prisma.project.update({ where: { id: project.id }, data: { status: "active" } }); // ok: tenant/missing-org-filter

  // the source project is fetched for the caller's organization: its id is checked
  const source = await prisma.project.findFirst({ where: { id: sourceId, orgId: session.user.orgId } });
  if (source) {
    await prisma.project.update({ where: { id: source.id }, data: { status: "archived" } }); // ok: tenant/missing-org-filter
  }

  // a template looked up by the id the caller sent, with no tenant check: that lookup is the finding
  const template = await prisma.project.findUnique({ where: { id: templateId } }); // expect: tenant/missing-org-filter
  if (template) {
    await prisma.project.update({ where: { id: template.id }, data: { status: "template" } }); // ok: tenant/missing-org-filter
  }
  return NextResponse.json(project, { status: 201 });
}
