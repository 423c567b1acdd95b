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

// Things called "card" or "credit" that hold no card data: a gift card's value, a credit
// note's number, an account credit, an email's Cc list, a dashboard tile.
router.post("/gift-cards/redeem", async (req, res) => {
  const { cardValue, creditNoteNumber, totalCredit, ccList, cardTitle } = req.body;
  console.log("redeeming gift card worth", cardValue); // ok: payments/pan-in-logs
  console.log("credit note issued", creditNoteNumber, "balance", totalCredit); // ok: payments/pan-in-logs
  console.error("receipt email failed", ccList, cardTitle); // ok: payments/pan-in-logs
  const { creditCard } = req.body;
  console.log("gift card bought with", creditCard); // expect: payments/pan-in-logs
  res.json({ ok: true });
});

function maskPan(pan) {
  return `**** **** **** ${pan.slice(-4)}`;
}

module.exports = router;
