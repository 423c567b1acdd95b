import { listWebhookEndpoints, saveWebhookEndpoint } from "@/lib/webhook-endpoints";

// The settings page that lists the organization's outgoing webhooks: not a receiver.
export default async function WebhooksPage() {
  const endpoints = await listWebhookEndpoints();
  async function addEndpoint(formData: FormData) { // ok: payments/webhook-unverified
    "use server";
    const payload = { url: String(formData.get("url")), event: String(formData.get("event")) };
    await saveWebhookEndpoint(payload);
  }
  return (
    <form action={addEndpoint}>
      {endpoints.map((e) => (
        <p key={e.id}>{e.url}</p>
      ))}
    </form>
  );
}
