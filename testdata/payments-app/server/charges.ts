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

// A helper that forwards the key its callers pass; they choose it per order.
export async function createDepositIntent(params: { amountCents: number; customerId: string; idempotencyKey?: string }) {
  const { amountCents, customerId, idempotencyKey } = params;
  return stripe.paymentIntents.create( // ok: payments/missing-idempotency-key
    { amount: amountCents, currency: "usd", customer: customerId },
    {
      ...(idempotencyKey && { idempotencyKey }),
    },
  );
}

// Options spread from elsewhere that say nothing about a key.
export async function createTaggedIntent(amountCents: number, extra: Record<string, string>) {
  return stripe.paymentIntents.create( // expect: payments/missing-idempotency-key
    { amount: amountCents, currency: "usd" },
    { ...extra, stripeAccount: extra.account },
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
