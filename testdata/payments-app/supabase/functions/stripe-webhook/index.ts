import Stripe from "npm:stripe@14";
import { markPaid } from "../_shared/billing.ts";

const stripe = new Stripe(Deno.env.get("STRIPE_SECRET_KEY")!);

Deno.serve(async (req) => { // ok: payments/webhook-unverified
  const signature = req.headers.get("stripe-signature");
  if (!signature) {
    return new Response("missing signature", { status: 400 });
  }
  const body = await req.text();
  // the other branch stops the request: required, not optional
  let event;
  if (signature) {
    event = await stripe.webhooks.constructEventAsync(body, signature, Deno.env.get("STRIPE_WEBHOOK_SECRET")!);
  } else {
    return new Response("missing signature", { status: 400 });
  }
  if (event.type === "checkout.session.completed") await markPaid(event.data.object.id);
  return new Response("ok");
});
