// A Node script run by hand (`npx tsx scripts/backfill-households.ts`): Vite never
// bundles the repository's scripts/ folder.
import { createClient } from "@supabase/supabase-js";

const supabase = createClient(
  process.env.VITE_SUPABASE_URL!, // ok: secrets/client-exposed-secret
  process.env.VITE_SUPABASE_SERVICE_ROLE_KEY!, // ok: secrets/client-exposed-secret
);

await supabase.rpc("backfill_households");
