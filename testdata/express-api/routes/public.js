import { Router } from "express";
import cors from "cors";
import { pool } from "../lib/db.mjs";

const router = Router();

// Public tracking lookups: no cookies, any site may embed them.
router.use(cors({ origin: "*" })); // ok: auth/cors-wildcard-credentials

router.get("/track/:trackingNumber", async (req, res) => {
  const { rows } = await pool.query(
    "select status, last_location, eta from shipments where tracking_number = $1",
    [req.params.trackingNumber],
  );
  if (!rows[0]) return res.status(404).json({ error: "Unknown tracking number" });
  res.json(rows[0]);
});

export default router;
