// Acknowledges Stripe's events and reads none of them: nothing to act on yet.
Deno.serve(async (req) => { // ok: payments/webhook-unverified
  if (req.method === "OPTIONS") return new Response(null);
  console.log("stripe event acknowledged, no processing configured");
  return new Response(JSON.stringify({ received: true }), { status: 200 });
});
