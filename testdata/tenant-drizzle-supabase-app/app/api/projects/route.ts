import { NextResponse, type NextRequest } from "next/server";
import { and, desc, eq } from "drizzle-orm";
import { db } from "@/db";
import { projects } from "@/db/schema";
import { getViewer } from "@/lib/data";

export async function GET() {
  const viewer = await getViewer();
  if (!viewer) {
    return NextResponse.json({ error: "Unauthorized" }, { status: 401 });
  }

  const rows = await db.query.projects.findMany({ // ok: tenant/missing-org-filter
    where: eq(projects.orgId, viewer.orgId), // ok: tenant/org-id-from-request
    orderBy: [desc(projects.updatedAt)],
  });
  return NextResponse.json({ projects: rows });
}

export async function POST(request: NextRequest) {
  const viewer = await getViewer();
  if (!viewer) {
    return NextResponse.json({ error: "Unauthorized" }, { status: 401 });
  }

  const { name, description } = await request.json();
  if (typeof name !== "string" || name.trim().length === 0) {
    return NextResponse.json({ error: "Name is required" }, { status: 400 });
  }

  const [existing] = await db
    .select({ id: projects.id })
    .from(projects) // ok: tenant/missing-org-filter
    .where(and(eq(projects.orgId, viewer.orgId), eq(projects.name, name.trim()))); // ok: tenant/org-id-from-request
  if (existing) {
    return NextResponse.json({ error: "A project with this name already exists" }, { status: 409 });
  }

  const [project] = await db
    .insert(projects) // ok: tenant/missing-org-filter
    .values({ orgId: viewer.orgId, name: name.trim(), description, createdBy: viewer.userId })
    .returning();
  return NextResponse.json({ project }, { status: 201 });
}
