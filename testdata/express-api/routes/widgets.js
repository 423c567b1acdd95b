import { Router } from "express";
import cors from "cors";
import { requireAuth } from "../middleware/auth.ts";

const router = Router();

const ALLOWED_ORIGINS = ["https://app.shiptrack.io", "https://admin.shiptrack.io"];

router.use(
  "/dashboard",
  cors({
    origin: (origin, callback) => { // ok: auth/cors-wildcard-credentials
      if (!origin || ALLOWED_ORIGINS.includes(origin)) callback(null, true);
      else callback(new Error("Not allowed by CORS"));
    },
    credentials: true,
  }),
);

router.use(
  "/reports",
  cors({
    origin: ["https://app.shiptrack.io", "https://reports.shiptrack.io"], // ok: auth/cors-wildcard-credentials
    credentials: true,
  }),
);

router.use(
  "/status",
  cors({
    origin: process.env.CORS_ORIGINS?.split(",") ?? [], // ok: auth/cors-wildcard-credentials
    credentials: true,
  }),
);

router.get("/dashboard/summary", requireAuth, (req, res) => {
  res.json({ userId: req.user.id, widgets: ["in-transit", "delayed", "delivered"] });
});

router.get("/reports/weekly", requireAuth, (_req, res) => {
  res.json({ deliveredOnTime: 0.94, delayed: 12 });
});

router.get("/status", (_req, res) => {
  res.json({ carriers: "operational" });
});

export default router;
