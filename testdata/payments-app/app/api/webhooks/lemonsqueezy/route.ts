import crypto from "node:crypto";
import { activateLicense } from "@/lib/licenses";

// Lemon Squeezy signs the raw body with HMAC-SHA256 in the X-Signature header.
export async function POST(request: Request) { // ok: payments/webhook-unverified
  const rawBody = await request.text();
  const secret = process.env.LEMONSQUEEZY_WEBHOOK_SECRET ?? "";
  const digest = Buffer.from(crypto.createHmac("sha256", secret).update(rawBody).digest("hex"), "utf8");
  const signature = Buffer.from(request.headers.get("x-signature") ?? "", "utf8");
  if (digest.length !== signature.length || !crypto.timingSafeEqual(digest, signature)) {
    return new Response("invalid signature", { status: 401 });
  }
  const payload = JSON.parse(rawBody);
  if (payload.meta.event_name === "order_created") {
    await activateLicense(payload.data.attributes.user_email);
  }
  return new Response("ok");
}
