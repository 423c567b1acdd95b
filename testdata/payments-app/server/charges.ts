import crypto from "crypto";
import Stripe from "stripe";

const stripe = new Stripe(process.env.STRIPE_SECRET_KEY!);

export async function chargeOrder(order: { id: string; totalCents: number; customerId: string }) {
  return stripe.paymentIntents.create({ amount: order.totalCents, currency: "usd", customer: order.customerId }); // expect: payments/missing-idempotency-key
}

export async function chargeOrderOnce(order: { id: string; totalCents: number; customerId: string }) {
  return stripe.paymentIntents.create( // ok: payments/missing-idempotency-key
    { amount: order.totalCents, currency: "usd", customer: order.customerId },
    { idempotencyKey: `order-${order.id}` },
  );
}

export async function refundOrder(paymentIntent: string) {
  await stripe.refunds.create({ payment_intent: paymentIntent }); // expect: payments/missing-idempotency-key
}

export async function listCharges(customer: string) {
  return stripe.charges.list({ customer, limit: 10 }); // ok: payments/missing-idempotency-key
}

export function verifyLemonSqueezy(rawBody: string, header: string): boolean {
  const digest = crypto.createHmac("sha256", process.env.LEMON_SECRET!).update(rawBody).digest("hex");
  return digest === header; // expect: payments/webhook-signature-timing
}

export function verifyLemonSqueezySafely(rawBody: string, header: string): boolean {
  const digest = crypto.createHmac("sha256", process.env.LEMON_SECRET!).update(rawBody).digest("hex");
  if (digest.length !== header.length) return false; // ok: payments/webhook-signature-timing
  return crypto.timingSafeEqual(Buffer.from(digest), Buffer.from(header)); // ok: payments/webhook-signature-timing
}
