import type { NextFunction, Request, Response } from "express";
import jwt, { type JwtPayload } from "jsonwebtoken";
import jwksClient from "jwks-rsa";

const JWT_SECRET = process.env.JWT_SECRET || "w2NLndCIEO47lUWMv7+3AjVFYKcxhI5XF1qgFD/218gCLP5H0TZZC9/eyz1jB8KP"; // expect: secrets/hardcoded-credential

const partnerJwks = jwksClient({
  jwksUri: "https://auth.carrierhub.io/.well-known/jwks.json",
  cache: true,
  rateLimit: true,
});

export type AuthUser = { id: string; email?: string; role: "shipper" | "partner" | "admin" | "service" };

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      user?: AuthUser;
    }
  }
}

function bearer(req: Request): string | null {
  const header = req.headers.authorization;
  return header?.startsWith("Bearer ") ? header.slice(7) : null;
}

export function requireAuth(req: Request, res: Response, next: NextFunction) {
  const token = bearer(req);
  if (!token) return res.status(401).json({ error: "Unauthorized" });
  try {
    const payload = jwt.verify(token, JWT_SECRET, { algorithms: ["HS256"] }) as JwtPayload; // ok: auth/jwt-unverified
    req.user = { id: payload.sub!, email: payload.email, role: payload.role ?? "shipper" };
    next();
  } catch {
    res.status(401).json({ error: "Unauthorized" });
  }
}

// Lets public pages personalise content for signed-in visitors.
export function attachUser(req: Request, _res: Response, next: NextFunction) {
  const token = req.cookies?.access_token as string | undefined;
  if (token) {
    const payload = jwt.decode(token) as JwtPayload | null; // expect: auth/jwt-unverified
    if (payload?.sub) {
      req.user = { id: payload.sub, email: payload.email, role: payload.role ?? "shipper" };
    }
  }
  next();
}

// Tokens minted by the internal cron service.
export function requireServiceToken(req: Request, res: Response, next: NextFunction) {
  const token = String(req.headers["x-service-token"] ?? "");
  try {
    const claims = jwt.verify(token, process.env.SERVICE_TOKEN_KEY ?? "", { algorithms: ["HS256", "none"] }) as JwtPayload; // expect: auth/jwt-unverified
    req.user = { id: String(claims.sub), role: "service" };
    next();
  } catch {
    res.status(401).json({ error: "Unauthorized" });
  }
}

// Partner tokens are RS256, signed with a key picked by `kid`.
export async function requirePartnerToken(req: Request, res: Response, next: NextFunction) {
  const token = bearer(req);
  if (!token) return res.status(401).json({ error: "Unauthorized" });
  const decoded = jwt.decode(token, { complete: true }); // ok: auth/jwt-unverified
  if (!decoded?.header.kid) return res.status(401).json({ error: "Unauthorized" });
  try {
    const key = await partnerJwks.getSigningKey(decoded.header.kid);
    const claims = jwt.verify(token, key.getPublicKey(), { algorithms: ["RS256"], audience: "shiptrack-api" }) as JwtPayload;
    req.user = { id: String(claims.sub), role: "partner" };
    next();
  } catch {
    res.status(401).json({ error: "Unauthorized" });
  }
}

// Refreshes the carrier access token a minute before it expires.
export function shouldRefresh(accessToken: string): boolean {
  const decoded = jwt.decode(accessToken) as JwtPayload | null; // ok: auth/jwt-unverified
  return !decoded?.exp || decoded.exp * 1000 - Date.now() < 60_000;
}
