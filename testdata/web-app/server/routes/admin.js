// Back-office API for the staff dashboard.
import { Router } from "express";
import Stripe from "stripe";
import { PrismaClient } from "@prisma/client";

import { requireAdmin, requireAuth } from "../lib/auth.js";

const router = Router();
const prisma = new PrismaClient();
const stripe = new Stripe(process.env.STRIPE_SECRET_KEY);

router.use(requireAuth);

router.get("/users/:id", requireAdmin, async (req, res) => {
  const user = await prisma.user.findUnique({ where: { id: req.params.id } });
  if (!user) return res.status(404).json({ error: "User not found" }); // ok: auth/user-enumeration
  res.json(user);
});

router.post("/orders/:id/refund", requireAdmin, async (req, res) => {
  const order = await prisma.order.findUniqueOrThrow({ where: { id: req.params.id } });
  const refund = await stripe.refunds.create({ payment_intent: order.paymentIntentId }, { idempotencyKey: `refund-${order.id}` }); // ok: authz/missing-role-check
  await prisma.order.update({ where: { id: order.id }, data: { status: "REFUNDED" } });
  res.json({ refundId: refund.id });
});

// "Make admin" button on the user detail page.
router.post("/users/:id/promote", async (req, res) => {
  const user = await prisma.user.update({ where: { id: req.params.id }, data: { role: "ADMIN", isAdmin: true } }); // expect: authz/missing-role-check
  res.json({ id: user.id, role: user.role });
});

// Role picker on the user detail page.
router.patch("/users/:id/role", async (req, res) => {
  if (req.user.role !== "ADMIN") {
    return res.status(403).json({ error: "Forbidden" });
  }
  const user = await prisma.user.update({ // ok: authz/missing-role-check
    where: { id: req.params.id },
    data: { role: req.body.role }, // ok: authz/mass-assignment-role
  });
  res.json({ id: user.id, role: user.role });
});

// Comp a creator with the Pro plan (partnership deals).
router.post("/users/:id/comp", async (req, res) => {
  await prisma.user.update({ where: { id: req.params.id }, data: { plan: "PRO" } }); // expect: authz/missing-role-check
  res.sendStatus(204);
});

router.delete("/users/:id", requireAdmin, async (req, res) => {
  await prisma.user.delete({ where: { id: req.params.id } }); // ok: authz/missing-role-check
  res.sendStatus(204);
});

router.use((err, _req, res, _next) => {
  res.status(500).json({
    error: "Something went wrong",
    stack: process.env.NODE_ENV === "production" ? undefined : err.stack, // ok: web/debug-enabled
  });
});

export default router;
