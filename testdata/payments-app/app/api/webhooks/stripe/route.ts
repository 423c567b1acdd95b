import { headers } from "next/headers";
import Stripe from "stripe";
import { markPaid } from "@/lib/orders";

const stripe = new Stripe(process.env.STRIPE_SECRET_KEY!);

export async function POST(req: Request) { // ok: payments/webhook-unverified
  const body = await req.text();
  const signature = headers().get("stripe-signature")!;
  const event = stripe.webhooks.constructEvent(body, signature, process.env.STRIPE_WEBHOOK_SECRET!);
  if (event.type === "checkout.session.completed") {
    await markPaid(event.data.object.id);
  }
  return new Response(null, { status: 200 });
}
