import { NextResponse } from "next/server";
import { markMessageDelivered } from "@/lib/messages";

// Twilio signs each request with X-Twilio-Signature; the SDK checks it against the auth
// token, the full URL and the posted parameters.
export async function POST(request: Request) { // ok: payments/webhook-unverified
  const form = await request.formData();
  const params = Object.fromEntries(form.entries()) as Record<string, string>;
  const signature = request.headers.get("x-twilio-signature") ?? "";
  const twilio = await import("twilio");
  if (!twilio.validateRequest(process.env.TWILIO_AUTH_TOKEN!, signature, request.url, params)) {
    return NextResponse.json({ error: "invalid signature" }, { status: 403 });
  }
  await markMessageDelivered(params.MessageSid);
  return new NextResponse("<Response/>", { headers: { "Content-Type": "text/xml" } });
}
