import Stripe from "stripe";
import { db } from "@/lib/db";

const stripe = new Stripe(process.env.STRIPE_SECRET_KEY!);

// Cart checkout as generated: the component posts the total it computed.
export async function POST(req: Request) {
  const { amount, currency, cartId } = await req.json();
  const intent = await stripe.paymentIntents.create( // ok: payments/client-controlled-amount
    { amount, currency, metadata: { cartId } }, // expect: payments/client-controlled-amount
    { idempotencyKey: `cart-${cartId}` },
  );
  return Response.json({ clientSecret: intent.client_secret });
}

export async function PUT(req: Request) {
  const { productId, orderId } = await req.json();
  const product = await db.product.findUniqueOrThrow({ where: { id: productId } });
  const intent = await stripe.paymentIntents.create(
    { amount: product.priceCents, currency: "usd" }, // ok: payments/client-controlled-amount
    { idempotencyKey: `order-${orderId}` },
  );
  return Response.json({ clientSecret: intent.client_secret });
}
