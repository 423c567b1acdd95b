import { createClient } from "https://esm.sh/@supabase/supabase-js@2";
import Stripe from "https://esm.sh/stripe@14";

const stripe = new Stripe(Deno.env.get("STRIPE_SECRET_KEY")!, { apiVersion: "2024-06-20" });

Deno.serve(async (req) => {
  const supabase = createClient(Deno.env.get("SUPABASE_URL")!, Deno.env.get("SUPABASE_ANON_KEY")!, {
    global: { headers: { Authorization: req.headers.get("Authorization")! } },
  });
  const { data: { user } } = await supabase.auth.getUser();
  if (!user) return new Response("Unauthorized", { status: 401 });

  const { provider, amount, items, planId, credits } = await req.json();
  const rzpAuth = btoa(`${Deno.env.get("RAZORPAY_KEY_ID")}:${Deno.env.get("RAZORPAY_KEY_SECRET")}`);

  if (provider === "razorpay") {
    const res = await fetch("https://api.razorpay.com/v1/orders", {
      method: "POST",
      headers: { Authorization: `Basic ${rzpAuth}`, "Content-Type": "application/json" },
      body: JSON.stringify({
        amount: amount * 100, // expect: payments/client-controlled-amount
        currency: "INR",
        receipt: `rcpt_${user.id}`,
      }),
    });
    return new Response(await res.text());
  }

  if (provider === "razorpay-plan") {
    const { data: plan } = await supabase.from("plans").select("price_paise").eq("id", planId).single();
    const res = await fetch("https://api.razorpay.com/v1/orders", {
      method: "POST",
      headers: { Authorization: `Basic ${rzpAuth}`, "Content-Type": "application/json" },
      body: JSON.stringify({ amount: plan.price_paise, currency: "INR" }), // ok: payments/client-controlled-amount
    });
    return new Response(await res.text());
  }

  if (provider === "paypal") {
    const baseUrl = Deno.env.get("PAYPAL_API_URL");
    const amountValue = (amount / 100).toFixed(2);
    const res = await fetch(`${baseUrl}/v2/checkout/orders`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({
        intent: "CAPTURE",
        purchase_units: [{
          amount: {
            currency_code: "USD",
            value: amountValue, // expect: payments/client-controlled-amount
          },
        }],
      }),
    });
    return new Response(await res.text());
  }

  // the card price of each cart line comes from the cart the browser sent
  const lineItems = await Promise.all(items.map(async (item) => {
    const price = await stripe.prices.create({
      currency: "eur",
      unit_amount: Math.round(item.price), // expect: payments/client-controlled-amount
      product_data: { name: item.name },
    });
    return { price: price.id, quantity: 1 };
  }));
  const sessionConfig = {
    mode: "payment",
    line_items: lineItems,
    metadata: { credits },
  };
  const session = await stripe.checkout.sessions.create(sessionConfig, { idempotencyKey: `cart-${user.id}` });

  // a one-off credit pack, priced from the request through a config object
  let packItems;
  packItems = [{ price_data: { currency: "usd", unit_amount: amount }, quantity: 1 }]; // expect: payments/client-controlled-amount
  const packConfig = { mode: "payment", line_items: packItems };
  await stripe.checkout.sessions.create(packConfig, { idempotencyKey: `pack-${user.id}` });
  return Response.json({ url: session.url });
});
