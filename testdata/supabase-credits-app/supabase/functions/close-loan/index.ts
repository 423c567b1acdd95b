import { createClient } from "npm:@supabase/supabase-js@2";

const admin = createClient(Deno.env.get("SUPABASE_URL")!, Deno.env.get("SUPABASE_SERVICE_ROLE_KEY")!);

Deno.serve(async (req) => { // expect: supabase/edge-function-no-auth
  const { loanId } = await req.json();
  await admin.from("loans").update({ status: "closed" }).eq("id", loanId);
  return new Response(JSON.stringify({ ok: true }), { headers: { "Content-Type": "application/json" } });
});
