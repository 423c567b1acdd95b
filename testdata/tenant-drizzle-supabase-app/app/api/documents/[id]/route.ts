import { NextResponse } from "next/server";
import { and, asc, eq } from "drizzle-orm";
import { db } from "@/db";
import { comments, documents } from "@/db/schema";
import { getViewer } from "@/lib/data";

type Ctx = { params: { id: string } };

export async function GET(_request: Request, { params }: Ctx) {
  const viewer = await getViewer();
  if (!viewer) {
    return NextResponse.json({ error: "Unauthorized" }, { status: 401 });
  }

  const [doc] = await db.select().from(documents).where(eq(documents.id, params.id)); // ok: tenant/missing-org-filter
  if (!doc || doc.workspaceId !== viewer.orgId) {
    return NextResponse.json({ error: "Not found" }, { status: 404 });
  }

  const thread = await db
    .select()
    .from(comments) // ok: tenant/missing-org-filter
    .where(eq(comments.documentId, doc.id))
    .orderBy(asc(comments.createdAt));
  return NextResponse.json({ document: doc, comments: thread });
}

export async function PATCH(request: Request, { params }: Ctx) {
  const viewer = await getViewer();
  if (!viewer) {
    return NextResponse.json({ error: "Unauthorized" }, { status: 401 });
  }

  const { title, body } = await request.json();
  const [doc] = await db
    .update(documents) // ok: tenant/missing-org-filter
    .set({ title, body, updatedAt: new Date() })
    .where(and(eq(documents.id, params.id), eq(documents.workspaceId, viewer.orgId))) // ok: tenant/org-id-from-request
    .returning();
  if (!doc) {
    return NextResponse.json({ error: "Not found" }, { status: 404 });
  }
  return NextResponse.json({ document: doc });
}

export async function DELETE(_request: Request, { params }: Ctx) {
  const viewer = await getViewer();
  if (!viewer) {
    return NextResponse.json({ error: "Unauthorized" }, { status: 401 });
  }

  // every signed-in user may read any document (the open SELECT policy, reported by
  // tenant/rls-disabled): reading one here leaks nothing more; deleting it does
  const [doc] = await db.select().from(documents).where(eq(documents.id, params.id)); // ok: tenant/missing-org-filter
  if (!doc) {
    return NextResponse.json({ error: "Not found" }, { status: 404 });
  }

  await db.delete(comments).where(eq(comments.documentId, doc.id)); // ok: tenant/missing-org-filter
  await db.delete(documents).where(eq(documents.id, doc.id)); // expect: tenant/missing-org-filter
  return new NextResponse(null, { status: 204 });
}
