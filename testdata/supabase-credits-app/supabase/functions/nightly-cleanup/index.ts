import { createClient } from "npm:@supabase/supabase-js@2";

Deno.serve(async (req) => { // ok: supabase/edge-function-no-auth
  if (req.headers.get("x-cron-secret") !== Deno.env.get("CRON_SECRET")) {
    return new Response("forbidden", { status: 403 });
  }
  const admin = createClient(Deno.env.get("SUPABASE_URL")!, Deno.env.get("SUPABASE_SERVICE_ROLE_KEY")!);
  await admin.from("exports").delete().lt("created_at", new Date(Date.now() - 7 * 864e5).toISOString());
  return new Response("done");
});
