import { NextResponse } from "next/server";
import { assertMembership, getViewer } from "@/lib/data";

type Ctx = { params: { orgId: string } };

// Pending invitations shown on /orgs/:orgId/settings/members.
export async function GET(_request: Request, { params }: Ctx) {
  const viewer = await getViewer();
  if (!viewer) {
    return NextResponse.json({ error: "Unauthorized" }, { status: 401 });
  }

  const { data: invites, error } = await viewer.supabase
    .from("invites") // ok: tenant/missing-org-filter
    .select("id, email, role, status, expires_at")
    .eq("org_id", params.orgId) // expect: tenant/org-id-from-request
    .order("created_at", { ascending: false });
  if (error) {
    return NextResponse.json({ error: "Could not load invites" }, { status: 500 });
  }
  return NextResponse.json({ invites });
}

// Revokes an invitation.
export async function DELETE(request: Request, { params }: Ctx) {
  const viewer = await getViewer();
  if (!viewer) {
    return NextResponse.json({ error: "Unauthorized" }, { status: 401 });
  }

  await assertMembership(viewer.userId, params.orgId);

  const { inviteId } = await request.json();
  const { error } = await viewer.supabase
    .from("invites") // ok: tenant/missing-org-filter
    .delete()
    .eq("id", inviteId)
    .eq("org_id", params.orgId); // ok: tenant/org-id-from-request
  if (error) {
    return NextResponse.json({ error: "Could not revoke invite" }, { status: 500 });
  }
  return new NextResponse(null, { status: 204 });
}
