import { getCallerClient } from "../_shared/clients.ts";

// deployed with --no-verify-jwt too, but its client runs as the caller: row level
// security decides what an anonymous or foreign caller sees
Deno.serve(async (req) => { // ok: supabase/edge-function-no-auth
  const supabase = getCallerClient(req);
  const { organizationId } = await req.json();
  const { count } = await supabase
    .from("organization_members")
    .select("user_id", { count: "exact", head: true })
    .eq("organization_id", organizationId);
  return new Response(JSON.stringify({ count }));
});
