import { NextResponse } from "next/server";
import { getCallerClient, getServiceClient } from "@/lib/supabase-clients";

// The helper's client runs as service_role: the link id from the URL reaches any
// organization's link.
export async function GET(_req: Request, { params }: { params: { id: string } }) {
  const supabase = getServiceClient();
  const { data } = await supabase.from("share_links").select("id, token").eq("id", params.id).single(); // expect: tenant/missing-org-filter
  return NextResponse.json(data);
}

// The same lookup through the caller's own client: the share_links policies decide.
export async function HEAD(req: Request, { params }: { params: { id: string } }) {
  const supabase = getCallerClient(req.headers.get("authorization") ?? "");
  const { data } = await supabase.from("share_links").select("id").eq("id", params.id).single(); // ok: tenant/missing-org-filter
  return new NextResponse(null, { status: data ? 200 : 404 });
}
