import Stripe from "npm:stripe@14";
import { createClient } from "npm:@supabase/supabase-js@2";

const stripe = new Stripe(Deno.env.get("STRIPE_SECRET_KEY")!);
const admin = createClient(Deno.env.get("SUPABASE_URL")!, Deno.env.get("SUPABASE_SERVICE_ROLE_KEY")!);

Deno.serve(async (req) => { // ok: supabase/edge-function-no-auth
  const signature = req.headers.get("stripe-signature") ?? "";
  const event = await stripe.webhooks.constructEventAsync(await req.text(), signature, Deno.env.get("STRIPE_WEBHOOK_SECRET")!);
  if (event.type === "checkout.session.completed") {
    const session = event.data.object as Stripe.Checkout.Session;
    await admin.from("subscriptions").update({ status: "active" }).eq("user_id", session.client_reference_id);
  }
  return new Response("ok");
});
