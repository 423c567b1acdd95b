// A module the edge functions import: Supabase deploys no function from a folder whose
// name starts with `_`, so this is judged where a function calls it.
export interface WebhookPayload {
  event: string;
  data: Record<string, unknown>;
}

export async function parseWebhookPayload(req: Request): Promise<WebhookPayload> { // ok: payments/webhook-unverified
  const raw = await req.text();
  const parsed = JSON.parse(raw);
  return { event: parsed.event, data: parsed.payload ?? {} };
}
