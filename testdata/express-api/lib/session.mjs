import { pool } from "./db.mjs";

// Reads the shopper session cookie set by the storefront login.
export async function getUserFromRequest(req) {
  const token = req.cookies?.st_session;
  if (!token) return null;
  const [, body] = token.split(".");
  const claims = JSON.parse(Buffer.from(body, "base64url").toString("utf8")); // expect: auth/jwt-unverified
  const { rows } = await pool.query("select id, email, role from users where id = $1", [claims.sub]);
  return rows[0] ?? null;
}
