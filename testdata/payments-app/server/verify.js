const crypto = require("crypto");

function verifyPaddleSignature(req) {
  const [ts, h1] = String(req.headers["paddle-signature"] || "").split(";").map((p) => p.split("=")[1]);
  const expected = crypto.createHmac("sha256", process.env.PADDLE_WEBHOOK_SECRET).update(`${ts}:${req.body}`).digest("hex");
  return crypto.timingSafeEqual(Buffer.from(expected), Buffer.from(h1 || ""));
}

module.exports = { verifyPaddleSignature };
