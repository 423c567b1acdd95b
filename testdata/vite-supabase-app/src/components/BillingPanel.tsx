import { useEffect, useState } from "react";
import { loadStripe } from "@stripe/stripe-js";
import Stripe from "stripe";
import { supabase } from "@/lib/supabase";

const stripePromise = loadStripe(import.meta.env.VITE_STRIPE_PUBLISHABLE_KEY); // ok: secrets/client-exposed-secret

export function BillingPanel() {
  const [plan, setPlan] = useState<string>("Free");

  useEffect(() => {
    (async () => {
      const { data } = await supabase.auth.getUser();
      const customerId = data.user?.user_metadata?.stripe_customer_id as string | undefined;
      if (!customerId) return;
      const stripe = new Stripe(import.meta.env.STRIPE_SECRET_KEY); // expect: secrets/client-exposed-secret
      const subs = await stripe.subscriptions.list({ customer: customerId, status: "active", limit: 1 });
      setPlan(subs.data[0]?.items.data[0]?.price.nickname ?? "Free");
    })();
  }, []);

  return (
    <section className="rounded-lg border p-4">
      <h2 className="font-medium">Your plan: {plan}</h2>
      <button
        onClick={async () => {
          await stripePromise;
          window.location.assign("https://buy.stripe.com/7sI5nH2xQ0aB3cD4eF");
        }}
      >
        Upgrade to Family
      </button>
    </section>
  );
}
