import { NextResponse } from "next/server";
import type { SupabaseClient } from "@supabase/supabase-js";
import { getServiceClient } from "@/lib/supabase-clients";
import { getViewer } from "@/lib/data";
import { verifyProjectAccess } from "@/lib/project-access";
import { allShareLinkTokens } from "@/lib/legacy-reports";

type Ctx = { params: { id: string } };

// Answers the project only when it belongs to the organization it is handed.
async function loadOwnedProject(supabase: SupabaseClient, id: string, organizationId: string) {
  const { data } = await supabase.from("projects").select("id, org_id").eq("id", id).maybeSingle(); // ok: tenant/missing-org-filter
  if (!data || data.org_id !== organizationId) return null;
  return data;
}

// Archiving: the helper of this file checked the project's organization first.
export async function POST(_req: Request, { params }: Ctx) {
  const viewer = await getViewer();
  if (!viewer) return NextResponse.json({ error: "Unauthorized" }, { status: 401 });
  const supabase = getServiceClient();
  const existing = await loadOwnedProject(supabase, params.id, viewer.orgId);
  if (!existing) return NextResponse.json({ error: "Not found" }, { status: 404 });
  await supabase.from("projects").update({ status: "archived" }).eq("id", params.id); // ok: tenant/missing-org-filter
  return NextResponse.json({ ok: true });
}

// Restoring: the shared access helper is handed the viewer and the id, and answered.
export async function PUT(_req: Request, { params }: Ctx) {
  const viewer = await getViewer();
  if (!viewer) return NextResponse.json({ error: "Unauthorized" }, { status: 401 });
  const supabase = getServiceClient();
  const access = await verifyProjectAccess(supabase, viewer, params.id);
  if (!access.ok) return NextResponse.json({ error: "Not found" }, { status: access.status });
  await supabase.from("projects").update({ status: "active" }).eq("id", params.id); // ok: tenant/missing-org-filter
  return NextResponse.json({ ok: true });
}

// The helper called without its answer being read checks nothing.
export async function PATCH(_req: Request, { params }: Ctx) {
  const viewer = await getViewer();
  if (!viewer) return NextResponse.json({ error: "Unauthorized" }, { status: 401 });
  const supabase = getServiceClient();
  await loadOwnedProject(supabase, params.id, viewer.orgId);
  await supabase.from("projects").update({ status: "paused" }).eq("id", params.id); // expect: tenant/missing-org-filter
  return NextResponse.json({ ok: true });
}

// A document is its author's: its parent project, looked up by the document's own
// project_id, is compared with the caller before the delete. The check in the "own"
// branch does not cover the "any" branch, which returns before reaching it.
export async function DELETE(req: Request, { params }: Ctx) {
  const viewer = await getViewer();
  if (!viewer) return NextResponse.json({ error: "Unauthorized" }, { status: 401 });
  const supabase = getServiceClient();
  const mode = new URL(req.url).searchParams.get("mode");
  if (mode === "any") {
    const { data: doc } = await supabase.from("documents").update({ status: "trashed" }).eq("id", params.id).select("id").single(); // expect: tenant/missing-org-filter
    if (!doc) return NextResponse.json({ error: "Not found" }, { status: 404 });
    return NextResponse.json({ doc });
  }
  const { data: doc } = await supabase.from("documents").select("id, project_id").eq("id", params.id).single(); // ok: tenant/missing-org-filter
  if (!doc) return NextResponse.json({ error: "Not found" }, { status: 404 });
  const { data: project } = await supabase.from("projects").select("created_by").eq("id", doc.project_id).single(); // ok: tenant/missing-org-filter
  const ownsProject = !!project && project.created_by === viewer.userId;
  if (!ownsProject) return NextResponse.json({ error: "Forbidden" }, { status: 403 });
  await supabase.from("documents").delete().eq("id", params.id); // ok: tenant/missing-org-filter
  return NextResponse.json({ ok: true });
}

// The tokens of the share links, listed beside the archive.
export async function GET() {
  const viewer = await getViewer();
  if (!viewer) return NextResponse.json({ error: "Unauthorized" }, { status: 401 });
  return NextResponse.json({ tokens: await allShareLinkTokens() });
}
