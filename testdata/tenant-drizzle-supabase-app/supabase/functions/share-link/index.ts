// Resolves a share link. The service-role client sees every organization's links, so the
// policies that keep members to their own links do not apply here.
import { createClient } from "npm:@supabase/supabase-js@2";

Deno.serve(async (req) => {
  const { linkId } = await req.json();
  const admin = createClient(Deno.env.get("SUPABASE_URL")!, Deno.env.get("SUPABASE_SERVICE_ROLE_KEY")!);
  const { data: link } = await admin
    .from("share_links") // expect: tenant/missing-org-filter
    .select("id, token, org_id")
    .eq("id", linkId)
    .single();
  // templates are a catalog every signed-in user reads anyway
  const { data: templates } = await admin.from("templates").select("id, title"); // ok: tenant/missing-org-filter
  return new Response(JSON.stringify({ link, templates }));
});
