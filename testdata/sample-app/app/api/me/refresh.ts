import jwt from "jsonwebtoken";

// Only reads the expiry to schedule a refresh: safe.
export function msUntilExpiry(token: string): number {
  const { exp } = jwt.decode(token) as { exp: number }; // ok: auth/jwt-unverified
  return exp * 1000 - Date.now();
}
