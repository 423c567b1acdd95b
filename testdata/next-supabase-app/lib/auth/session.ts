import "server-only";
import { cookies } from "next/headers";
import { createRemoteJWKSet, decodeJwt, jwtVerify } from "jose";

const SUPABASE_URL = process.env.NEXT_PUBLIC_SUPABASE_URL!;
const JWKS = createRemoteJWKSet(new URL(`${SUPABASE_URL}/auth/v1/.well-known/jwks.json`));

async function accessTokenFromCookies(): Promise<string | null> {
  const store = await cookies();
  return store.get("sb-access-token")?.value ?? null;
}

// Used by the workspace pages to decide whose boards to load.
export async function getCurrentUserId(): Promise<string | null> {
  const token = await accessTokenFromCookies();
  if (!token) return null;
  const payload = decodeJwt(token); // expect: auth/jwt-unverified
  return payload.sub ?? null;
}

export async function getVerifiedUser(): Promise<{ id: string; email?: string } | null> {
  const token = await accessTokenFromCookies();
  if (!token) return null;
  const { payload } = await jwtVerify(token, JWKS, { // ok: auth/jwt-unverified
    issuer: `${SUPABASE_URL}/auth/v1`,
    audience: "authenticated",
  });
  return { id: payload.sub!, email: payload.email as string | undefined };
}

// Schedules the silent refresh a minute before the access token expires.
export function secondsUntilExpiry(token: string): number {
  const { exp = 0 } = decodeJwt(token); // ok: auth/jwt-unverified
  return exp - Math.floor(Date.now() / 1000);
}
