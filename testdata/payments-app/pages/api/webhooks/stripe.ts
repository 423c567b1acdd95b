import type { NextApiRequest, NextApiResponse } from "next";
import Stripe from "stripe";
import { markPaid } from "../../../lib/orders";

const stripe = new Stripe(process.env.STRIPE_SECRET_KEY!);

// pages/api keeps Next's default body parser here: req.body is parsed JSON.
export default async function handler(req: NextApiRequest, res: NextApiResponse) { // ok: payments/webhook-unverified
  const sig = req.headers["stripe-signature"] as string;
  const event = stripe.webhooks.constructEvent(req.body, sig, process.env.STRIPE_WEBHOOK_SECRET!); // note: payments/webhook-unverified
  if (event.type === "invoice.paid") await markPaid(event.data.object.id);
  res.json({ received: true });
}
