import { NextResponse } from "next/server";
import { requireAdmin } from "@/lib/auth";
import { saveWebhookEndpoint } from "@/lib/webhook-endpoints";

// An admin of the app registers an outgoing webhook: a signed-in user, not a provider.
export async function POST(req: Request) { // ok: payments/webhook-unverified
  const admin = await requireAdmin();
  const payload = await req.json();
  const endpoint = await saveWebhookEndpoint({ ...payload, createdBy: admin.id, event: payload.event });
  return NextResponse.json(endpoint, { status: 201 });
}
