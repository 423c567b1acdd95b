import { NextResponse } from "next/server";
import { sql } from "drizzle-orm";
import { db, pool } from "@/db";
import { getViewer } from "@/lib/data";

// Monthly report for the workspace picked in the switcher (/api/reports?org=<id>).
export async function GET(request: Request) {
  const viewer = await getViewer();
  if (!viewer) {
    return NextResponse.json({ error: "Unauthorized" }, { status: 401 });
  }

  const { searchParams } = new URL(request.url);
  const org = searchParams.get("org");
  if (!org) {
    return NextResponse.json({ error: "Missing org" }, { status: 400 });
  }

  const { rows: projectsByStatus } = await pool.query(
    "SELECT status, count(*)::int AS total FROM projects WHERE org_id = $1 GROUP BY status", [org], // expect: tenant/org-id-from-request  ok: tenant/missing-org-filter
  );
  // the same request value again: named in the finding above, not a second finding
  const documentStats = await db.execute(sql`SELECT count(*)::int AS total, max(updated_at) AS last_edit FROM documents WHERE workspace_id = ${org}`); // ok: tenant/org-id-from-request, tenant/missing-org-filter

  return NextResponse.json({ projectsByStatus, documents: documentStats.rows[0] });
}
