import { createClient } from "@supabase/supabase-js";

const admin = createClient(process.env.NEXT_PUBLIC_SUPABASE_URL!, process.env.SUPABASE_SERVICE_ROLE_KEY!);

// Left behind when reports moved to the dashboard: no file of the project names it, so
// it serves no request.
export async function legacyShareLinkTotals() {
  const { data } = await admin.from("share_links").select("id, token"); // ok: tenant/missing-org-filter
  return data;
}

// The same query still called by a route: every organization's share links come back.
export async function allShareLinkTokens() {
  const { data } = await admin.from("share_links").select("token"); // expect: tenant/missing-org-filter
  return data;
}
