import { Router } from "express";
import { pool } from "../lib/db.mjs";

const router = Router();

router.get("/me", async (req, res) => {
  const token = (req.headers.authorization || "").replace("Bearer ", "");
  if (!token) return res.status(401).json({ error: "Missing token" });

  const payload = JSON.parse(Buffer.from(token.split(".")[1], "base64").toString()); // expect: auth/jwt-unverified
  const { rows } = await pool.query("select id, email, full_name, plan from users where id = $1", [payload.userId]);
  res.json(rows[0] ?? null);
});

export default router;
