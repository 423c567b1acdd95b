import { Webhook } from "svix";
import { markBounced } from "@/lib/email";

// Verified, but over a re-serialised body: svix signs the raw bytes.
export async function POST(req: Request) { // ok: payments/webhook-unverified
  const payload = await req.json();
  const wh = new Webhook(process.env.RESEND_WEBHOOK_SECRET!);
  const event = wh.verify(JSON.stringify(payload), { // note: payments/webhook-unverified
    "svix-id": req.headers.get("svix-id")!,
    "svix-timestamp": req.headers.get("svix-timestamp")!,
    "svix-signature": req.headers.get("svix-signature")!,
  }) as { type: string; data: { email_id: string } };
  if (event.type === "email.bounced") await markBounced(event.data.email_id);
  return Response.json({ received: true });
}
