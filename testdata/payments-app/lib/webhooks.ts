import { createWebhook, listWebhooks } from "@lemonsqueezy/lemonsqueezy.js";
import { db, webhookEvents } from "./db";

// Helpers named like webhooks are not webhook handlers: they take no request.
export async function setupWebhook() { // ok: payments/webhook-unverified
  const existing = await listWebhooks({ filter: { storeId: process.env.LEMONSQUEEZY_STORE_ID } });
  if (existing.data?.data.length) return existing.data.data[0];
  return createWebhook(process.env.LEMONSQUEEZY_STORE_ID!, { url: process.env.WEBHOOK_URL!, events: ["subscription_created"] });
}

export async function storeWebhookEvent(eventName: string, body: unknown) { // ok: payments/webhook-unverified
  return db.insert(webhookEvents).values({ eventName, body, processed: false }).returning();
}

export async function processWebhookEvent(event: { eventName: string; body: any }) { // ok: payments/webhook-unverified
  if (event.eventName === "subscription_created") {
    await db.update(webhookEvents).set({ processed: true });
  }
}

// A handler that takes the request is one, whatever file it lives in.
export async function handleWebhook(req: Request) { // expect: payments/webhook-unverified
  const payload = await req.json();
  await storeWebhookEvent(payload.meta.event_name, payload);
  return new Response("ok");
}
