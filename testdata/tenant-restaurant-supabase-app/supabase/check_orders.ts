// A developer's one-off check, run by hand with `deno run` against a local database:
// the Supabase CLI deploys only supabase/functions/, so this never serves a request.
import { createClient } from "npm:@supabase/supabase-js@2";

const admin = createClient(Deno.env.get("SUPABASE_URL")!, Deno.env.get("SUPABASE_SERVICE_ROLE_KEY")!);
const { data: orders } = await admin
  .from("orders") // ok: tenant/missing-org-filter
  .select("id, restaurant_id, total_cents")
  .order("total_cents", { ascending: false })
  .limit(20);
console.table(orders);
