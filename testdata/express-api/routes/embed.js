import { Router } from "express";
import { getUserFromRequest } from "../lib/session.mjs";

const router = Router();

// Shipment timeline embedded in customers' own storefronts, using the shopper's cookie.
router.get("/timeline/:shipmentId", async (req, res) => {
  res.setHeader("Access-Control-Allow-Origin", req.headers.origin); // expect: auth/cors-wildcard-credentials
  res.setHeader("Access-Control-Allow-Credentials", "true");
  const user = await getUserFromRequest(req);
  if (!user) return res.status(401).json({ error: "Sign in to see this shipment" });
  res.json({ shipmentId: req.params.shipmentId, events: [] });
});

// Carrier logos: static, no credentials.
router.get("/logos/:carrier.svg", (req, res) => {
  res.setHeader("Access-Control-Allow-Origin", req.headers.origin || "*"); // ok: auth/cors-wildcard-credentials
  res.type("image/svg+xml").sendFile(`${req.params.carrier}.svg`, { root: "public/logos" });
});

export default router;
