// Archives a project for its owner. The service-role key reaches the client through a
// variable, as generated edge functions usually write it.
import { createClient } from "npm:@supabase/supabase-js@2";

Deno.serve(async (req) => {
  const { projectId } = await req.json();
  const supabaseUrl = Deno.env.get("SUPABASE_URL")!;
  const serviceKey = Deno.env.get("SUPABASE_SERVICE_ROLE_KEY")!;
  const db = createClient(supabaseUrl, serviceKey);

  // runs as service_role: row level security does not apply, any project id is read
  const { data: project } = await db
    .from("projects") // expect: tenant/missing-org-filter
    .select("id, name, org_id")
    .eq("id", projectId)
    .single();

  // the caller's own client: the projects policies decide what it sees
  const userClient = createClient(supabaseUrl, Deno.env.get("SUPABASE_ANON_KEY")!, {
    global: { headers: { Authorization: req.headers.get("Authorization")! } },
  });
  const { data: own } = await userClient
    .from("projects") // ok: tenant/missing-org-filter
    .select("id")
    .eq("id", projectId)
    .single();

  return new Response(JSON.stringify({ project, own }), {
    headers: { "Content-Type": "application/json" },
  });
});
