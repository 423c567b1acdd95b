import { createClient } from "npm:@supabase/supabase-js@2";

// An edge function in a webhook folder: the function `serve` is handed is the handler.
Deno.serve(async (req) => { // expect: payments/webhook-unverified
  const supabase = createClient(Deno.env.get("SUPABASE_URL")!, Deno.env.get("SUPABASE_ANON_KEY")!);
  const payload = await req.json();
  if (payload.event_type === "PAYMENT.CAPTURE.COMPLETED") {
    await supabase.rpc("add_credits", { order_id: payload.resource.id });
  }
  return new Response("ok");
});
