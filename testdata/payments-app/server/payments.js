const express = require("express");
const logger = require("./logger");

const router = express.Router();

router.post("/pay", async (req, res) => {
  const card = req.body.card;
  logger.info({ msg: "payment attempt", card }); // expect: payments/pan-in-logs
  logger.info("payment attempt", { amount: req.body.amount, currency: req.body.currency }); // ok: payments/pan-in-logs
  const pan = req.body.card.number;
  logger.warn("retrying card", maskPan(pan)); // ok: payments/pan-in-logs
  logger.error(`declined: ${req.body.card.number}`); // expect: payments/pan-in-logs
  console.log("iban payout to", req.body.iban); // expect: payments/pan-in-logs
  res.json({ ok: true });
});

function maskPan(pan) {
  return `**** **** **** ${pan.slice(-4)}`;
}

module.exports = router;
