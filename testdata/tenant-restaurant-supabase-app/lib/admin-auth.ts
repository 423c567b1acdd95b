import { cookies } from "next/headers";
import { timingSafeEqual } from "crypto";

const ADMIN_SESSION_TOKEN = process.env.ADMIN_SESSION_TOKEN ?? "";

function safeCompare(a: string, b: string): boolean {
  return a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

// The platform's back office: one operator password, whose session cookie must match
// the deployment's secret. No restaurant's staff holds it.
export async function verifyAdminAuth(): Promise<{ authenticated: boolean }> {
  const session = (await cookies()).get("admin_session");
  if (!ADMIN_SESSION_TOKEN || !session || !safeCompare(session.value, ADMIN_SESSION_TOKEN)) {
    return { authenticated: false };
  }
  return { authenticated: true };
}
