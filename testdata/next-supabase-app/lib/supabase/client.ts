import { createBrowserClient } from "@supabase/ssr";
import type { Database } from "@/types/supabase";

export function createClient() {
  return createBrowserClient<Database>(
    process.env.NEXT_PUBLIC_SUPABASE_URL!,
    process.env.NEXT_PUBLIC_SUPABASE_ANON_KEY!, // ok: secrets/client-exposed-secret
    { auth: { flowType: "pkce" } }, // ok: auth/oauth-implicit-flow
  );
}
