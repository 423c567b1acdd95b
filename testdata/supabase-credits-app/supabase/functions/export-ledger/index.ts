import { createClient } from "npm:@supabase/supabase-js@2";

// not in config.toml, but the deploy workflow ships it with --no-verify-jwt
Deno.serve(async (req) => { // expect: supabase/edge-function-no-auth
  const admin = createClient(Deno.env.get("SUPABASE_URL")!, Deno.env.get("SUPABASE_SERVICE_ROLE_KEY")!);
  const { orgId } = await req.json();
  const { data } = await admin.from("credit_ledger").select("*").eq("org_id", orgId);
  return new Response(JSON.stringify(data));
});
