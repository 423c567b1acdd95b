// pg_cron's job (see the cron_jobs migration) works through every restaurant's open
// orders by design; no user's session is read, no tenant asks for anything.
import { createClient } from "npm:@supabase/supabase-js@2";

Deno.serve(async () => {
  const admin = createClient(Deno.env.get("SUPABASE_URL")!, Deno.env.get("SUPABASE_SERVICE_ROLE_KEY")!);
  const { data: open } = await admin
    .from("orders") // ok: tenant/missing-org-filter
    .select("id, restaurant_id")
    .eq("status", "open");
  return Response.json({ reminded: (open ?? []).length });
});
