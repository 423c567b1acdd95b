import { getSupabaseClient } from "../_shared/clients.ts";

// deployed with --no-verify-jwt by scripts/deploy-functions.sh: anyone can call it, and
// the client the shared module makes runs as the service role
Deno.serve(async (req) => { // expect: supabase/edge-function-no-auth
  const supabase = getSupabaseClient();
  const { organizationId, message } = await req.json();
  const { data: members } = await supabase
    .from("organization_members")
    .select("user_id")
    .eq("organization_id", organizationId);
  await supabase.from("notifications").insert(
    (members ?? []).map((m) => ({ user_id: m.user_id, body: message })),
  );
  return new Response(JSON.stringify({ sent: members?.length ?? 0 }));
});
