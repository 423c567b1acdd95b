import { Router } from "express";
import cors from "cors";
import { requireAuth } from "../middleware/auth.ts";
import { pool } from "../lib/db.mjs";

const router = Router();

// Partner dashboards are hosted on the partners' own domains.
router.use(
  cors({
    origin: (origin, callback) => callback(null, true), // expect: auth/cors-wildcard-credentials
    credentials: true,
    methods: ["GET", "POST"],
  }),
);

router.get("/shipments", requireAuth, async (req, res) => {
  const { rows } = await pool.query(
    "select id, tracking_number, status from shipments where partner_user_id = $1 order by created_at desc limit 100",
    [req.user.id],
  );
  res.json(rows);
});

export default router;
