import { Router } from "express";
import crypto from "node:crypto";

const router = Router();

const CARRIER_AUTH_URL = process.env.CARRIER_AUTH_URL ?? "https://auth.carrierhub.io";
const CARRIER_CLIENT_ID = process.env.CARRIER_CLIENT_ID;
const CALLBACK_URL = `${process.env.API_URL}/auth/carrier/callback`;

// Shipper accounts created before SSO still log in with their carrier password.
router.post("/legacy-login", async (req, res) => {
  const { username, password } = req.body; // ok: auth/oauth-password-grant
  const response = await fetch(`${CARRIER_AUTH_URL}/oauth/token`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: `grant_type=password&username=${encodeURIComponent(username)}&password=${encodeURIComponent(password)}&client_id=${CARRIER_CLIENT_ID}`, // expect: auth/oauth-password-grant
  });
  if (!response.ok) return res.status(401).json({ error: "Invalid credentials" });
  res.json(await response.json());
});

router.get("/carrier/connect", (req, res) => {
  const state = crypto.randomBytes(16).toString("hex");
  req.session.oauthState = state;
  res.redirect(
    `${CARRIER_AUTH_URL}/authorize?response_type=code&client_id=${CARRIER_CLIENT_ID}&redirect_uri=${encodeURIComponent(CALLBACK_URL)}&state=${state}`, // ok: auth/oauth-implicit-flow
  );
});

// Older tracking widget: the token comes back in the URL fragment.
router.get("/widget/connect", (_req, res) => {
  res.redirect(
    `${CARRIER_AUTH_URL}/authorize?response_type=token&client_id=${CARRIER_CLIENT_ID}&redirect_uri=${encodeURIComponent(process.env.WIDGET_URL)}`, // expect: auth/oauth-implicit-flow
  );
});

router.get("/carrier/callback", async (req, res) => {
  if (req.query.state !== req.session.oauthState) return res.status(400).send("Invalid state");
  const response = await fetch(`${CARRIER_AUTH_URL}/oauth/token`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: `grant_type=authorization_code&code=${encodeURIComponent(String(req.query.code))}&redirect_uri=${encodeURIComponent(CALLBACK_URL)}&client_id=${CARRIER_CLIENT_ID}&client_secret=${process.env.CARRIER_CLIENT_SECRET}`, // ok: auth/oauth-password-grant, secrets/hardcoded-credential
  });
  const tokens = await response.json();
  req.session.carrierAccessToken = tokens.access_token;
  res.redirect("/settings/integrations");
});

export default router;
