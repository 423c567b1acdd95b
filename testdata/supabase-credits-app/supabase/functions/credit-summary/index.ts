import { createClient } from "npm:@supabase/supabase-js@2";

// the gateway checks the caller's JWT (verify_jwt = true); the function reads the caller
Deno.serve(async (req) => { // ok: supabase/edge-function-no-auth
  const admin = createClient(Deno.env.get("SUPABASE_URL")!, Deno.env.get("SUPABASE_SERVICE_ROLE_KEY")!);
  const token = req.headers.get("Authorization")?.replace("Bearer ", "") ?? "";
  const { data: { user } } = await admin.auth.getUser(token);
  const { data } = await admin.from("profiles").select("credits").eq("id", user?.id ?? "").single();
  return new Response(JSON.stringify(data));
});
