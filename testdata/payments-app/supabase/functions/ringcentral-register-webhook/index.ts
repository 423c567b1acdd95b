// Registers the app's callback with the provider: named for managing a webhook.
Deno.serve(async (req) => { // ok: payments/webhook-unverified
  const { events } = await req.json();
  const res = await fetch("https://platform.ringcentral.com/restapi/v1.0/subscription", {
    method: "POST",
    body: JSON.stringify({ eventFilters: events, deliveryMode: { transportType: "WebHook" } }),
  });
  return new Response(await res.text());
});
