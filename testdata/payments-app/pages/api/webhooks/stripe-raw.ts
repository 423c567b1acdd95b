import type { NextApiRequest, NextApiResponse } from "next";
import { buffer } from "micro";
import Stripe from "stripe";
import { markPaid } from "../../../lib/orders";

const stripe = new Stripe(process.env.STRIPE_SECRET_KEY!);

export const config = { api: { bodyParser: false } };

export default async function handler(req: NextApiRequest, res: NextApiResponse) { // ok: payments/webhook-unverified
  const buf = await buffer(req);
  const event = stripe.webhooks.constructEvent(buf, req.headers["stripe-signature"] as string, process.env.STRIPE_WEBHOOK_SECRET!);
  if (event.type === "invoice.paid") await markPaid(event.data.object.id);
  res.json({ received: true });
}
