import { createClient } from "@supabase/supabase-js";

// Used by the admin page to manage households without RLS getting in the way.
const serviceRoleKey =
  import.meta.env.VITE_SUPABASE_SERVICE_ROLE_KEY ?? // expect: secrets/client-exposed-secret
  "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZSIsInJlZiI6ImJoZWJnc2hsYmFkY3hzdmJ5ZXR5Iiwicm9sZSI6InNlcnZpY2Vfcm9sZSIsImlhdCI6MTcwMDAwMDAwMCwiZXhwIjoyMDAwMDAwMDAwfQ.ck7cVPvboE9D6MVbvfju6ZP_VoKqb_T2jjhyg01nbTX"; // expect: secrets/hardcoded-credential

export const supabaseAdmin = createClient(import.meta.env.VITE_SUPABASE_URL, serviceRoleKey, { // ok: secrets/client-exposed-secret
  auth: { persistSession: false, autoRefreshToken: false },
});
