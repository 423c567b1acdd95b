const express = require("express");
const Stripe = require("stripe");
const { fulfil } = require("./orders");

const stripe = Stripe(process.env.STRIPE_SECRET_KEY);
const router = express.Router();

// Verified, but behind express.json(): the signature is checked over a parsed body.
router.post("/webhooks/stripe", express.json(), (req, res) => { // ok: payments/webhook-unverified, note: payments/webhook-unverified
  const event = stripe.webhooks.constructEvent(req.body, req.headers["stripe-signature"], process.env.STRIPE_WEBHOOK_SECRET);
  if (event.type === "payment_intent.succeeded") fulfil(event.data.object.metadata.orderId);
  res.sendStatus(200);
});

const app = express();
app.use(express.json());
app.post("/webhooks/stripe-global", (req, res) => { // ok: payments/webhook-unverified
  const sig = req.headers["stripe-signature"];
  const event = stripe.webhooks.constructEvent(req.body, sig, process.env.STRIPE_WEBHOOK_SECRET); // note: payments/webhook-unverified
  if (event.type === "payment_intent.succeeded") fulfil(event.data.object.metadata.orderId);
  res.sendStatus(200);
});

const raw = express();
raw.post("/webhooks/stripe-raw", express.raw({ type: "application/json" }), (req, res) => { // ok: payments/webhook-unverified
  const event = stripe.webhooks.constructEvent(req.body, req.headers["stripe-signature"], process.env.STRIPE_WEBHOOK_SECRET);
  if (event.type === "payment_intent.succeeded") fulfil(event.data.object.metadata.orderId);
  res.sendStatus(200);
});
raw.use(express.json());

module.exports = { router, app, raw };
