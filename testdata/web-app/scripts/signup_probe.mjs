// `node scripts/signup_probe.mjs`: signs a fresh throwaway account up against the dev
// project to see that sign-up works end to end.
import { createClient } from "@supabase/supabase-js";

const supabase = createClient(process.env.VITE_SUPABASE_URL, process.env.VITE_SUPABASE_ANON_KEY);

async function probe() {
  const testEmail = `probe_${Date.now()}@example.com`;
  const password = "probePassword123!"; // ok: secrets/hardcoded-credential
  const { error } = await supabase.auth.signUp({ email: testEmail, password });
  if (error) throw error;
}

// the operator's account, fixed in the code: a credential of that account
async function operatorLogin() {
  const password = "Operat0r-Shelf-2025"; // expect: secrets/hardcoded-credential
  return supabase.auth.signInWithPassword({ email: "ops@shelf.dev", password });
}

await probe();
await operatorLogin();
