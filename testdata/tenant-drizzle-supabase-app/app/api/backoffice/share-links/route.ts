import { NextResponse } from "next/server";
import { requireOrgAdmin, requirePlatformAdmin } from "@/lib/admin-auth";

// Back office: every organization's share links, for the platform's staff only.
export async function GET(req: Request) {
  const auth = await requirePlatformAdmin(req.headers.get("authorization") ?? "");
  if (!auth.ok) return auth.response;
  const { data } = await auth.service.from("share_links").select("id, token, org_id").limit(100); // ok: tenant/missing-org-filter
  return NextResponse.json(data);
}

// An organization admin asks, and the service role lists every organization's links.
export async function POST(req: Request) {
  const { orgId } = await req.json();
  const auth = await requireOrgAdmin(req.headers.get("authorization") ?? "", orgId);
  if (!auth.ok) return auth.response;
  const { data } = await auth.service.from("share_links").select("id, token").limit(100); // expect: tenant/missing-org-filter
  return NextResponse.json(data);
}
