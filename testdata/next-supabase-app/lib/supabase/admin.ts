import "server-only";
import { createClient } from "@supabase/supabase-js";
import type { Database } from "@/types/supabase";

// Bypasses RLS. Only import this from route handlers and server actions.
export const supabaseAdmin = createClient<Database>(
  process.env.NEXT_PUBLIC_SUPABASE_URL!,
  process.env.SUPABASE_SERVICE_ROLE_KEY!, // ok: secrets/client-exposed-secret, secrets/hardcoded-credential
  { auth: { persistSession: false, autoRefreshToken: false } },
);
