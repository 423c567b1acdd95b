import { db } from "@/lib/db";

// Clerk user sync, generated without the svix signature check.
export async function POST(req: Request) { // expect: payments/webhook-unverified
  const payload = await req.json();
  if (payload.type === "user.created") {
    await db.user.create({ data: { clerkId: payload.data.id, email: payload.data.email_addresses[0].email_address } });
  }
  return Response.json({ received: true });
}
