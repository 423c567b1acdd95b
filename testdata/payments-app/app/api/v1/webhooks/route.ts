import { withApiKey } from "@/lib/api-auth";
import { createWebhook } from "@/lib/webhooks";

// The app's own management API: a customer registers a webhook endpoint with their API
// key. It receives no provider events.
export const POST = withApiKey(async ({ req, authentication }) => { // ok: payments/webhook-unverified
  if (!authentication?.apiKeyId) return Response.json({ error: "unauthorized" }, { status: 401 });
  const payload = await req.json();
  const webhook = await createWebhook(authentication.workspaceId, payload.url, payload.triggers);
  return Response.json(webhook, { status: 201 });
});
