import crypto from "node:crypto";
import jwt from "jsonwebtoken";
import { NextResponse } from "next/server";

import { prisma } from "@/lib/session";
import { sendPasswordResetEmail } from "@/lib/mailer";

const RESET_MESSAGE = "If an account exists for that email, we sent a password reset link.";

export async function POST(req: Request) {
  const { email } = await req.json();
  const user = await prisma.user.findUnique({ where: { email } });
  if (!user) {
    return NextResponse.json({ message: RESET_MESSAGE }); // ok: auth/user-enumeration
  }
  const nonce = crypto.randomBytes(16).toString("hex");
  const token = jwt.sign({ sub: user.id, nonce }, process.env.RESET_TOKEN_SECRET!, { expiresIn: "30m" }); // ok: auth/jwt-no-expiry
  await sendPasswordResetEmail(user.email, token);
  return NextResponse.json({ message: RESET_MESSAGE }); // ok: auth/user-enumeration
}
