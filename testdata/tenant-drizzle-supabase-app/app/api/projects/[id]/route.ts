import { NextResponse } from "next/server";
import { and, eq } from "drizzle-orm";
import { db } from "@/db";
import { projects } from "@/db/schema";
import { getViewer } from "@/lib/data";

type Ctx = { params: { id: string } };

export async function GET(_request: Request, { params }: Ctx) {
  const viewer = await getViewer();
  if (!viewer) {
    return NextResponse.json({ error: "Unauthorized" }, { status: 401 });
  }

  const project = await db.query.projects.findFirst({ // ok: tenant/missing-org-filter
    where: (p, { and, eq }) => and(eq(p.id, params.id), eq(p.orgId, viewer.orgId)), // ok: tenant/org-id-from-request
  });
  if (!project) {
    return NextResponse.json({ error: "Not found" }, { status: 404 });
  }
  return NextResponse.json({ project });
}

export async function PATCH(request: Request, { params }: Ctx) {
  const viewer = await getViewer();
  if (!viewer) {
    return NextResponse.json({ error: "Unauthorized" }, { status: 401 });
  }

  const body = await request.json();
  const [project] = await db
    .update(projects) // expect: tenant/missing-org-filter
    .set({ name: body.name, description: body.description, status: body.status, updatedAt: new Date() })
    .where(eq(projects.id, params.id))
    .returning();
  if (!project) {
    return NextResponse.json({ error: "Not found" }, { status: 404 });
  }
  return NextResponse.json({ project });
}

// The settings page sends the active workspace along with the delete request.
export async function DELETE(request: Request, { params }: Ctx) {
  const viewer = await getViewer();
  if (!viewer) {
    return NextResponse.json({ error: "Unauthorized" }, { status: 401 });
  }

  const { orgId } = await request.json();
  const deleted = await db
    .delete(projects) // ok: tenant/missing-org-filter
    .where(and(eq(projects.id, params.id), eq(projects.orgId, orgId))) // expect: tenant/org-id-from-request
    .returning({ id: projects.id });
  if (deleted.length === 0) {
    return NextResponse.json({ error: "Not found" }, { status: 404 });
  }
  return new NextResponse(null, { status: 204 });
}
