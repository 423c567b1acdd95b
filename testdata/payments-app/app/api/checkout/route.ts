import { NextResponse } from "next/server";
import Stripe from "stripe";

const stripe = new Stripe(process.env.STRIPE_SECRET_KEY!);

type CardInput = { cardNumber: string; cvc: string; expMonth: number; expYear: number; name: string };

export async function POST(req: Request) {
  const body = await req.json();
  console.log("checkout request", body); // expect: payments/pan-in-logs
  const { cardNumber, cvc } = body as CardInput;
  console.info(`charging card ${cardNumber}`); // expect: payments/pan-in-logs
  console.debug("cvc length", cvc.length); // ok: payments/pan-in-logs
  console.log("card ending", cardNumber.slice(-4)); // ok: payments/pan-in-logs
  const pm = await stripe.paymentMethods.create({ type: "card", card: { token: body.token } });
  console.log("created payment method", pm.id, pm.card?.brand, pm.card?.last4); // ok: payments/pan-in-logs
  return NextResponse.json({ id: pm.id });
}
