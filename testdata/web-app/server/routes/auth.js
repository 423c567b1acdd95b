import { Router } from "express";
import bcrypt from "bcryptjs";
import crypto from "node:crypto";
import { PrismaClient } from "@prisma/client";

import { requireAuth, signAccessToken, signRefreshToken, verifyRefreshToken } from "../lib/auth.js";
import { sendPasswordResetEmail } from "../lib/mailer.js";

const router = Router();
const prisma = new PrismaClient();

const publicUser = (u) => ({ id: u.id, email: u.email, name: u.name, role: u.role, plan: u.plan });

router.post("/signup", async (req, res) => {
  const { email, password, name } = req.body;
  const existing = await prisma.user.findUnique({ where: { email } });
  if (existing) return res.status(409).json({ error: "Could not create account" });
  const user = await prisma.user.create({
    data: {
      email,
      name, // ok: authz/mass-assignment-role
      passwordHash: await bcrypt.hash(password, 12),
      role: req.body.role ?? "CUSTOMER", // expect: authz/mass-assignment-role
    },
  });
  const token = signAccessToken(user);
  res.cookie("session", token); // expect: auth/insecure-cookie
  res.status(201).json({ user: publicUser(user) });
});

// Creators sign up from the "Sell on Shelf" page.
router.post("/signup/creator", async (req, res) => {
  const { email, password } = req.body;
  const user = await prisma.user.create({
    data: {
      email,
      name: req.body.name, // ok: authz/mass-assignment-role
      passwordHash: await bcrypt.hash(password, 12),
      role: "CREATOR", // ok: authz/mass-assignment-role
    },
  });
  res.status(201).json({ user: publicUser(user) });
});

router.post("/login", async (req, res) => {
  const { email, password } = req.body;
  const user = await prisma.user.findUnique({ where: { email } });
  if (!user) {
    return res.status(404).json({ error: "User not found" }); // expect: auth/user-enumeration
  }
  const valid = await bcrypt.compare(password, user.passwordHash);
  if (!valid) {
    return res.status(401).json({ error: "Incorrect password" });
  }

  res.cookie("token", signAccessToken(user), {
    httpOnly: true,
    secure: true, // ok: auth/insecure-cookie
    sameSite: "lax",
    maxAge: 15 * 60 * 1000,
  });
  res.cookie("refresh_token", signRefreshToken(user), {
    httpOnly: true,
    secure: false, // expect: auth/insecure-cookie
    sameSite: "strict",
    path: "/auth/refresh",
    maxAge: 30 * 24 * 60 * 60 * 1000,
  });
  res.json({ user: publicUser(user) });
});

// Mobile app login: same checks, one answer for both failures.
router.post("/login/mobile", async (req, res) => {
  const { email, password } = req.body;
  const user = await prisma.user.findUnique({ where: { email } });
  if (!user) return res.status(401).json({ error: "Invalid email or password" }); // ok: auth/user-enumeration
  if (!(await bcrypt.compare(password, user.passwordHash))) {
    return res.status(401).json({ error: "Invalid email or password" }); // ok: auth/user-enumeration
  }
  res.json({ accessToken: signAccessToken(user), refreshToken: signRefreshToken(user), user: publicUser(user) });
});

router.post("/refresh", async (req, res) => {
  try {
    const claims = verifyRefreshToken(req.cookies.refresh_token);
    const user = await prisma.user.findUniqueOrThrow({ where: { id: claims.sub } });
    res.cookie("token", signAccessToken(user), { httpOnly: true, secure: true, sameSite: "lax" }); // ok: auth/insecure-cookie
    res.json({ ok: true });
  } catch {
    res.status(401).json({ error: "Unauthorized" });
  }
});

router.post("/forgot-password", async (req, res) => {
  const user = await prisma.user.findUnique({ where: { email: req.body.email } });
  if (!user) {
    return res.status(404).json({ message: "No account with that email" }); // expect: auth/user-enumeration
  }
  const resetToken = crypto.randomBytes(32).toString("hex");
  await prisma.passwordReset.create({
    data: { userId: user.id, tokenHash: crypto.createHash("sha256").update(resetToken).digest("hex") },
  });
  await sendPasswordResetEmail(user.email, resetToken);
  res.json({ message: "Password reset link sent" });
});

// Profile screen of the mobile app.
router.patch("/me", requireAuth, async (req, res) => {
  const user = await prisma.user.update({ where: { id: req.user.id }, data: req.body }); // expect: authz/mass-assignment-role
  res.json({ user: publicUser(user) });
});

router.post("/logout", requireAuth, (_req, res) => {
  res.clearCookie("token");
  res.clearCookie("refresh_token", { path: "/auth/refresh" });
  res.sendStatus(204);
});

export default router;

// Recovery sign-in by an opaque id from a verified link: failures are internal errors,
// and the id is not something an attacker can enumerate.
router.post("/login/recover", async (req, res, next) => {
  const user = await prisma.user.findUnique({ where: { id: req.signedLink.userId } });
  if (!user) return next(new Error("User not found")); // ok: auth/user-enumeration
  res.json({ ok: true });
});
