import { createClient } from "npm:@supabase/supabase-js@2";

Deno.serve(async (req) => {
  const admin = createClient(
    Deno.env.get("SUPABASE_URL")!,
    Deno.env.get("SUPABASE_SERVICE_ROLE_KEY")!,
  );
  const { orgId } = await req.json();
  const { data: projects } = await admin.from("projects").select("*").eq("org_id", orgId); // expect: tenant/org-id-from-request
  const { data: invoices } = await admin.from("invoices").select("*").eq("org_id", orgId);
  return Response.json({ projects, invoices });
});
