// Zapier signs nothing: each client's URL carries a secret, compared before acting.
import { createClient } from "npm:@supabase/supabase-js@2";

const supabase = createClient(Deno.env.get("SUPABASE_URL")!, Deno.env.get("SUPABASE_ANON_KEY")!);

async function handleZapierWebhook(req: Request): Promise<Response> { // ok: payments/webhook-unverified
  const url = new URL(req.url);
  const clientId = url.searchParams.get("client_id");
  const secret = url.searchParams.get("secret") ?? "";
  const { data: client } = await supabase.from("clients").select("id, hook_secret").eq("id", clientId).single();
  if (secret !== client?.hook_secret) {
    return new Response("invalid secret", { status: 401 });
  }
  const payload = await req.json();
  await supabase.from("contacts").insert({ client_id: clientId, email: payload.email });
  return new Response("ok");
}

Deno.serve(handleZapierWebhook);
