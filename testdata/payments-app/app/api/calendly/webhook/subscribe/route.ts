import { NextResponse } from "next/server";
import { ensureWebhookSubscription } from "@/lib/calendly";

// Subscribes the app to Calendly's events (the manual "Subscribe" button): an endpoint
// that manages a webhook, not the one Calendly posts events to.
export async function POST(request: Request) { // ok: payments/webhook-unverified
  const { connectionId, events } = await request.json();
  const result = await ensureWebhookSubscription(connectionId, { events, payload: "full" });
  return NextResponse.json(result);
}
