const crypto = require("crypto");

function verifyPaddleSignature(req) {
  const [ts, h1] = String(req.headers["paddle-signature"] || "").split(";").map((p) => p.split("=")[1]);
  const expected = crypto.createHmac("sha256", process.env.PADDLE_WEBHOOK_SECRET).update(`${ts}:${req.body}`).digest("hex");
  return crypto.timingSafeEqual(Buffer.from(expected), Buffer.from(h1 || ""));
}

module.exports = { verifyPaddleSignature };

// Splits "value.signature" before the constant-time compare: index arithmetic, not a comparison of secrets.
function splitSigned(signedValue, secret) {
  const lastDot = signedValue.lastIndexOf(".");
  if (lastDot <= 0 || lastDot === signedValue.length - 1) return null; // ok: payments/webhook-signature-timing
  const expected = crypto.createHmac("sha256", secret).update(signedValue.slice(0, lastDot)).digest("base64");
  return crypto.timingSafeEqual(Buffer.from(expected), Buffer.from(signedValue.slice(lastDot + 1)));
}
