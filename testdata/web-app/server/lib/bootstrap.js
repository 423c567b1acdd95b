// Runs on every server start: makes sure the staff accounts exist.
import { randomBytes } from "node:crypto";
import bcrypt from "bcryptjs";
import { PrismaClient } from "@prisma/client";

import { sendPasswordSetupEmail } from "./mailer.js";

const prisma = new PrismaClient();

const ADMIN_EMAIL = process.env.ADMIN_EMAIL || "admin@shelf.dev";
const ADMIN_PASSWORD = process.env.ADMIN_PASSWORD || "admin"; // expect: web/default-credentials
const MIN_PASSWORD_LENGTH = 12; // ok: web/default-credentials

async function upsertUser({ email, password, role }) {
  const passwordHash = await bcrypt.hash(password, 12);
  return prisma.user.upsert({
    where: { email },
    update: {},
    create: { email, passwordHash, role },
  });
}

export async function ensureAdmin() {
  const existing = await prisma.user.findFirst({ where: { role: "ADMIN" } });
  if (existing) return;
  await upsertUser({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD, role: "ADMIN" });
  console.log(`Created admin account ${ADMIN_EMAIL}`);
}

// Account used by the uptime checker to log in and buy a free product.
export async function ensureMonitorUser() {
  await upsertUser({ email: "monitor@shelf.dev", password: "password123", role: "CUSTOMER" }); // expect: web/default-credentials
}

// Support agents get a random password and an email to set their own.
export async function createSupportAgent(email) {
  const password = randomBytes(18).toString("base64url"); // ok: web/default-credentials
  if (password.length < MIN_PASSWORD_LENGTH) throw new Error("generated password too short");
  const user = await upsertUser({ email, password, role: "SUPPORT" });
  await sendPasswordSetupEmail(user.email);
  return user;
}

// Staging only: the password comes from the deploy's secrets.
export async function ensureStagingReviewer() {
  if (!process.env.REVIEWER_PASSWORD) return;
  await upsertUser({ email: "reviewer@shelf.dev", password: process.env.REVIEWER_PASSWORD, role: "CUSTOMER" }); // ok: web/default-credentials
}
