import "server-only";
import { createClient } from "@supabase/supabase-js";

// the service-role client: row level security does not hold it
export const admin = createClient(
  process.env.NEXT_PUBLIC_SUPABASE_URL!,
  process.env.SUPABASE_SERVICE_ROLE_KEY!,
);
