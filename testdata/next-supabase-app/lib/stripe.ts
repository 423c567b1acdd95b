import Stripe from "stripe";

const liveKey = process.env.STRIPE_SECRET_KEY || "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"; // expect: secrets/hardcoded-credential
const devKey = "sk_test_51nYDw4om5qRdJp2xIeQDEGskp4B5llbB2X6t9WYzN00wKHeBhLmPbZmEDZP4FELp6c1KQxXuv61JikJUOGH3zcLsMvtuq96ENs"; // ok: secrets/hardcoded-credential

export const stripe = new Stripe(process.env.NODE_ENV === "production" ? liveKey : devKey, {
  apiVersion: "2024-06-20",
  appInfo: { name: "TaskNest", url: "https://tasknest.io" },
});

export const STRIPE_PUBLISHABLE_KEY = "pk_live_51GlgYZ79K9UF6hdxWIe6WmNQdutxWmIAy16mP6O3PFmgungUWOpvlSbGE8E7BF0oalTycLRVhDQsMbi3AGIFUXgm1Wpdyfl3Gr"; // ok: secrets/hardcoded-credential
export const webhookSecret = process.env.STRIPE_WEBHOOK_SECRET!; // ok: secrets/hardcoded-credential

export const PLANS = {
  pro: { name: "Pro", priceId: "price_1PxQm2Hk8LrT5vW9nB3cD4eF", seats: 5 },
  team: { name: "Team", priceId: "price_1PxQn7Hk8LrT5vW9qR6sT7uV", seats: 25 },
} as const;
