import "server-only";

import { SignJWT, jwtVerify, type JWTPayload } from "jose";
import { cookies } from "next/headers";
import { PrismaClient } from "@prisma/client";

export const prisma = new PrismaClient();

const secret = new TextEncoder().encode(process.env.SESSION_SECRET);

export type SessionUser = { id: string; email: string; role: "CUSTOMER" | "CREATOR" | "SUPPORT" | "ADMIN" };
type SessionClaims = JWTPayload & { user: SessionUser };

export async function createSessionToken(user: SessionUser) {
  return new SignJWT({ user }) // ok: auth/jwt-no-expiry
    .setProtectedHeader({ alg: "HS256" })
    .setIssuedAt()
    .setExpirationTime("7d")
    .sign(secret);
}

// Magic sign-in links sent by email.
export async function createMagicLinkToken(email: string) {
  return await new SignJWT({ email, purpose: "magic-link" }).setProtectedHeader({ alg: "HS256" }).setIssuedAt().sign(secret); // expect: auth/jwt-no-expiry
}

// Invite links for co-authors of a product page.
export async function createInviteToken(productId: string, email: string) {
  return await new SignJWT({ productId, email }).setProtectedHeader({ alg: "HS256" }).setExpirationTime("48h").sign(secret); // ok: auth/jwt-no-expiry
}

// Desktop companion app: the token is pasted once and kept forever.
export async function createDeviceToken(user: SessionUser, deviceName: string) {
  return await new SignJWT({ sub: user.id, device: deviceName }).setProtectedHeader({ alg: "HS256" }).sign(secret); // expect: auth/jwt-no-expiry
}

export async function setSessionCookie(token: string) {
  cookies().set("session", token, { // ok: auth/insecure-cookie
    httpOnly: true,
    secure: process.env.NODE_ENV === "production",
    sameSite: "lax",
    path: "/",
    maxAge: 60 * 60 * 24 * 7,
  });
}

export async function getSession(): Promise<{ user: SessionUser } | null> {
  const token = cookies().get("session")?.value;
  if (!token) return null;
  try {
    const { payload } = await jwtVerify<SessionClaims>(token, secret, { algorithms: ["HS256"] }); // ok: auth/jwt-weak-validation
    return { user: payload.user };
  } catch {
    return null;
  }
}

export async function requireSession() {
  const session = await getSession();
  if (!session) throw new Error("Unauthorized");
  return session;
}

export async function requireAdmin() {
  const session = await requireSession();
  if (session.user.role !== "ADMIN") throw new Error("Forbidden");
  return session;
}
