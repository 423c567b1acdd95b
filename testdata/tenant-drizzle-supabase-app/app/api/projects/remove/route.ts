import { NextResponse } from "next/server";
import { getServiceClient } from "@/lib/supabase-clients";
import { getViewer } from "@/lib/data";
import { assertOrgAccess } from "@/lib/project-access";

// The project named by `?id=` is read, its organization checked against the viewer's
// memberships, and only then deleted: the same id (written `id!` where TypeScript
// wants it non-null) in both queries.
export async function DELETE(req: Request) {
  const viewer = await getViewer();
  if (!viewer) return NextResponse.json({ error: "Unauthorized" }, { status: 401 });
  const id = new URL(req.url).searchParams.get("id");
  const supabase = getServiceClient();
  const { data: project } = await supabase.from("projects").select("id, org_id").eq("id", id!).single(); // ok: tenant/missing-org-filter
  if (!project) return NextResponse.json({ error: "Not found" }, { status: 404 });
  await assertOrgAccess(supabase, viewer.userId, project.org_id);
  await supabase.from("projects").delete().eq("id", id!); // ok: tenant/missing-org-filter
  return NextResponse.json({ deleted: id });
}

// Read and deleted by the same id, with nothing compared in between.
export async function POST(req: Request) {
  const viewer = await getViewer();
  if (!viewer) return NextResponse.json({ error: "Unauthorized" }, { status: 401 });
  const id = new URL(req.url).searchParams.get("id");
  const supabase = getServiceClient();
  const { data: project } = await supabase.from("projects").select("id, org_id").eq("id", id!).single(); // expect: tenant/missing-org-filter
  if (!project) return NextResponse.json({ error: "Not found" }, { status: 404 });
  await supabase.from("projects").delete().eq("id", id!); // expect: tenant/missing-org-filter
  return NextResponse.json({ deleted: id });
}
