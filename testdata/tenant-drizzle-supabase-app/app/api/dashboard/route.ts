import { NextResponse } from "next/server";
import { count, desc, eq } from "drizzle-orm";
import { db } from "@/db";
import { documents, projects } from "@/db/schema";
import { getViewer } from "@/lib/data";

// Home page widgets: "Recently updated projects" and the document counter.
export async function GET() {
  const viewer = await getViewer();
  if (!viewer) {
    return NextResponse.json({ error: "Unauthorized" }, { status: 401 });
  }

  const recentProjects = await db.query.projects.findMany({ // expect: tenant/missing-org-filter
    columns: { id: true, name: true, status: true, updatedAt: true },
    orderBy: [desc(projects.updatedAt)],
    limit: 5,
  });

  const [{ value: documentCount }] = await db
    .select({ value: count() })
    .from(documents) // ok: tenant/missing-org-filter
    .where(eq(documents.workspaceId, viewer.orgId)); // ok: tenant/org-id-from-request

  return NextResponse.json({ recentProjects, documentCount });
}
