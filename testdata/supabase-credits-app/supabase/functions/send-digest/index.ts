import { serve } from "https://deno.land/std@0.168.0/http/server.ts";
import { createClient } from "https://esm.sh/@supabase/supabase-js@2";

serve(async () => { // expect: supabase/edge-function-no-auth
  const supabase = createClient(Deno.env.get("SUPABASE_URL")!, Deno.env.get("SUPABASE_SERVICE_ROLE_KEY")!);
  const { data: profiles } = await supabase.from("profiles").select("id, full_name, credits");
  return new Response(JSON.stringify({ sent: profiles?.length ?? 0 }));
});
