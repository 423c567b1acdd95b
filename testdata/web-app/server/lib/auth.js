import fs from "node:fs";
import jwt from "jsonwebtoken";

const JWT_SECRET = process.env.JWT_SECRET;
const EMAIL_TOKEN_SECRET = process.env.EMAIL_TOKEN_SECRET;

// Affiliate partners sign their referral tokens with RS256; we only hold their public key.
const partnerPublicKey = fs.readFileSync(new URL("../keys/partner-public.pem", import.meta.url), "utf8");
// License server public key (PEM), used by the desktop app's activation tokens.
const LICENSE_PUBLIC_KEY = process.env.LICENSE_PUBLIC_KEY;

export function signAccessToken(user) {
  return jwt.sign({ sub: user.id, role: user.role }, JWT_SECRET, { expiresIn: "15m" }); // ok: auth/jwt-no-expiry
}

export function signRefreshToken(user) {
  // 30 days: a JWT lifetime, not a storage link.
  return jwt.sign({ sub: user.id, type: "refresh" }, JWT_SECRET, { expiresIn: 60 * 60 * 24 * 30 }); // ok: auth/jwt-no-expiry, web/public-object-acl
}

// Personal API tokens for the Zapier integration.
export function signApiToken(user) {
  return jwt.sign({ sub: user.id, scope: "api" }, JWT_SECRET); // expect: auth/jwt-no-expiry
}

// Download links in the receipt email.
export function signDownloadToken(order) {
  return jwt.sign({ orderId: order.id, productId: order.productId }, JWT_SECRET, { algorithm: "HS256" }); // expect: auth/jwt-no-expiry
}

// One-click unsubscribe links stay valid for 90 days.
export function signUnsubscribeToken(userId) {
  const exp = Math.floor(Date.now() / 1000) + 60 * 60 * 24 * 90;
  return jwt.sign({ sub: userId, purpose: "unsubscribe", exp }, EMAIL_TOKEN_SECRET); // ok: auth/jwt-no-expiry
}

export function signEmailVerificationToken(user) {
  return jwt.sign({ sub: user.id, purpose: "verify-email", exp: Math.floor(Date.now() / 1000) + 86400 }, EMAIL_TOKEN_SECRET); // ok: auth/jwt-no-expiry
}

export function verifyAccessToken(token) {
  return jwt.verify(token, JWT_SECRET, { algorithms: ["HS256"] }); // ok: auth/jwt-weak-validation
}

// The refresh endpoint also accepts expired refresh tokens so that users who come back
// after a month are not logged out.
export function verifyRefreshToken(token) {
  return jwt.verify(token, JWT_SECRET, {
    algorithms: ["HS256"],
    ignoreExpiration: true, // expect: auth/jwt-weak-validation
  });
}

export function verifyDownloadToken(token) {
  return jwt.verify(token, JWT_SECRET, {
    algorithms: ["HS256"],
    ignoreExpiration: false, // ok: auth/jwt-weak-validation
    maxAge: "7d",
  });
}

export function verifyPartnerToken(token) {
  return jwt.verify(token, partnerPublicKey); // expect: auth/jwt-weak-validation
}

export function verifyLicenseToken(token) {
  return jwt.verify(token, LICENSE_PUBLIC_KEY, { algorithms: ["RS256"], audience: "shelf-desktop" }); // ok: auth/jwt-weak-validation
}

// Unsubscribe and verify-email links: an HMAC secret, not a key that could be public.
export function verifyEmailToken(token) {
  return jwt.verify(token, EMAIL_TOKEN_SECRET); // ok: auth/jwt-weak-validation
}

export function requireAuth(req, res, next) {
  const header = req.headers.authorization ?? "";
  const token = header.startsWith("Bearer ") ? header.slice(7) : req.cookies?.token;
  if (!token) return res.status(401).json({ error: "Unauthorized" });
  try {
    const claims = verifyAccessToken(token);
    req.user = { id: claims.sub, role: claims.role };
    next();
  } catch {
    res.status(401).json({ error: "Unauthorized" });
  }
}

export function requireAdmin(req, res, next) {
  if (req.user?.role !== "ADMIN") return res.status(403).json({ error: "Forbidden" });
  next();
}

// Callers pass their own options (expiresIn included): nothing to judge here.
export function signWithOptions(payload, options) {
  return jwt.sign({ ...payload, kind: "custom" }, JWT_SECRET, options); // ok: auth/jwt-no-expiry
}

// Expiry added when the link should expire: the options are built before signing.
export function signSurveyLink(contactId, expirationDays) {
  const tokenOptions = {};
  if (expirationDays > 0) tokenOptions.expiresIn = `${expirationDays}d`;
  return jwt.sign({ contactId }, JWT_SECRET, tokenOptions); // ok: auth/jwt-no-expiry
}
