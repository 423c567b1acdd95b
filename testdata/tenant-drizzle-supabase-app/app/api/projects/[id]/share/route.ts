import { NextResponse } from "next/server";
import { getServiceClient } from "@/lib/supabase-clients";
import { getOrganization, getUser, userHasOrgAccess } from "@/lib/access";

// Looked up by id with the service role, then the caller's access to the project's
// organization is checked before anything is returned.
export async function GET(req: Request, { params }: { params: { id: string } }) {
  const user = await getUser(req);
  const supabase = getServiceClient();
  const { data: project } = await supabase
    .from("projects") // ok: tenant/missing-org-filter
    .select("id, name, org_id")
    .eq("id", params.id)
    .maybeSingle();
  if (!project) {
    return NextResponse.json({ error: "Not found" }, { status: 404 });
  }
  const orgId = project.org_id;
  if (!(await userHasOrgAccess(supabase, user.id, orgId))) {
    return NextResponse.json({ error: "Not found" }, { status: 404 });
  }
  return NextResponse.json(project);
}

// The same check written as a membership query whose answer an `if` tests.
export async function HEAD(req: Request, { params }: { params: { id: string } }) {
  const user = await getUser(req);
  const supabase = getServiceClient();
  const { data: project } = await supabase
    .from("projects") // ok: tenant/missing-org-filter
    .select("org_id")
    .eq("id", params.id)
    .single();
  const { data: membership } = await supabase
    .from("memberships")
    .select("id")
    .eq("org_id", project?.org_id)
    .eq("user_id", user.id)
    .maybeSingle();
  if (!membership) {
    return new NextResponse(null, { status: 403 });
  }
  return new NextResponse(null, { status: 200 });
}

// The project's organization is looked up, but nothing asks whether the caller
// belongs to it.
export async function POST(req: Request, { params }: { params: { id: string } }) {
  const supabase = getServiceClient();
  const { data: project } = await supabase
    .from("projects") // expect: tenant/missing-org-filter
    .select("id, org_id")
    .eq("id", params.id)
    .single();
  const org = await getOrganization(supabase, project.org_id);
  if (!org) {
    return NextResponse.json({ error: "Not found" }, { status: 404 });
  }
  return NextResponse.json({ project, org });
}

// Checks that the users to share with belong to the project's organization: a check
// of other users, not of the caller.
export async function PUT(req: Request, { params }: { params: { id: string } }) {
  const { userIds } = await req.json();
  const supabase = getServiceClient();
  const { data: project } = await supabase
    .from("projects") // expect: tenant/missing-org-filter
    .select("id, org_id")
    .eq("id", params.id)
    .single();
  const { count } = await supabase
    .from("memberships")
    .select("id", { count: "exact" })
    .in("user_id", userIds)
    .eq("org_id", project.org_id);
  if (count !== userIds.length) {
    return NextResponse.json({ error: "Not members" }, { status: 400 });
  }
  return NextResponse.json({ shared: userIds.length });
}
