"use client";

import { useEffect, useState } from "react";
import { loadStripe } from "@stripe/stripe-js";
import Stripe from "stripe";

const stripePromise = loadStripe(process.env.NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY!); // ok: secrets/client-exposed-secret

export function CheckoutButton({ plan }: { plan: "pro" | "team" }) {
  const [loading, setLoading] = useState(false);

  async function handleClick() {
    setLoading(true);
    const res = await fetch("/api/checkout", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ plan }),
    });
    const { url } = await res.json();
    await stripePromise;
    window.location.assign(url);
  }

  return (
    <button onClick={handleClick} disabled={loading} className="rounded-md bg-primary px-4 py-2 text-white">
      {loading ? "Redirecting…" : `Upgrade to ${plan === "pro" ? "Pro" : "Team"}`}
    </button>
  );
}

type InvoiceRow = { id: string; number: string | null; status: string | null; hosted_invoice_url?: string | null };

export function InvoiceList({ customerId }: { customerId: string }) {
  const [invoices, setInvoices] = useState<InvoiceRow[]>([]);

  useEffect(() => {
    const stripe = new Stripe(process.env.STRIPE_SECRET_KEY!, { apiVersion: "2024-06-20" }); // expect: secrets/client-exposed-secret
    stripe.invoices.list({ customer: customerId, limit: 10 }).then((r) => setInvoices(r.data));
  }, [customerId]);

  return (
    <ul className="divide-y">
      {invoices.map((inv) => (
        <li key={inv.id} className="flex justify-between py-2">
          <span>{inv.number}</span>
          <span className="capitalize">{inv.status}</span>
        </li>
      ))}
    </ul>
  );
}
