const express = require("express");
const { verifyPaddleSignature } = require("./verify");
const { fulfil, refund } = require("./orders");

const app = express();

app.post("/webhooks/stripe", express.json(), async (req, res) => { // expect: payments/webhook-unverified
  const event = req.body;
  switch (event.type) {
    case "payment_intent.succeeded":
      await fulfil(event.data.object.metadata.orderId);
      break;
    case "charge.refunded":
      await refund(event.data.object.metadata.orderId);
      break;
  }
  res.sendStatus(200);
});

app.post("/webhooks/paddle", express.raw({ type: "application/json" }), async (req, res) => { // ok: payments/webhook-unverified
  if (!verifyPaddleSignature(req)) return res.sendStatus(401);
  const event = JSON.parse(req.body.toString());
  if (event.event_type === "transaction.completed") await fulfil(event.data.custom_data.orderId);
  res.sendStatus(200);
});

app.post("/api/webhooks/endpoints", requireAuth, async (req, res) => { // ok: payments/webhook-unverified
  const endpoint = await createEndpoint(req.user.teamId, req.body.url);
  res.json(endpoint);
});

module.exports = app;
