import { NextResponse } from "next/server";
import { activateSubscription } from "@/lib/billing";

// PayPal verifies its own events: the handler posts the headers and the event back to
// the verify-webhook-signature API and acts only on SUCCESS.
export async function POST(request: Request) { // ok: payments/webhook-unverified
  const event = await request.json();
  const res = await fetch(`${process.env.PAYPAL_API_BASE}/v1/notifications/verify-webhook-signature`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Authorization: `Bearer ${process.env.PAYPAL_TOKEN}` },
    body: JSON.stringify({
      auth_algo: request.headers.get("paypal-auth-algo"),
      cert_url: request.headers.get("paypal-cert-url"),
      transmission_id: request.headers.get("paypal-transmission-id"),
      transmission_sig: request.headers.get("paypal-transmission-sig"),
      transmission_time: request.headers.get("paypal-transmission-time"),
      webhook_id: process.env.PAYPAL_WEBHOOK_ID,
      webhook_event: event,
    }),
  });
  const result = await res.json();
  if (result.verification_status !== "SUCCESS") {
    return NextResponse.json({ error: "invalid signature" }, { status: 400 });
  }
  await activateSubscription(event.resource.id);
  return NextResponse.json({ received: true });
}
