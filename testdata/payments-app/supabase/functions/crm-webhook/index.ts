// The secret is checked only when the header is there: a request without it is acted on.
import { createClient } from "npm:@supabase/supabase-js@2";

const supabase = createClient(Deno.env.get("SUPABASE_URL")!, Deno.env.get("SUPABASE_ANON_KEY")!);

async function handleCrmWebhook(req: Request): Promise<Response> { // expect: payments/webhook-unverified
  const header = req.headers.get("x-crm-secret");
  if (header) {
    if (header !== Deno.env.get("CRM_WEBHOOK_SECRET")) {
      return new Response("unauthorized", { status: 401 });
    }
  }
  const payload = await req.json();
  await supabase.from("leads").insert({ email: payload.email, event: payload.event });
  return new Response("ok");
}

Deno.serve(handleCrmWebhook);
