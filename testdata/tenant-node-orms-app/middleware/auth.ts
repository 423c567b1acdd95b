import type { NextFunction, Request, Response } from "express";
import { Membership } from "../models/mongoose/membership";
import { User } from "../models/mongoose/user";

export class HttpError extends Error {
  constructor(
    public status: number,
    message: string,
  ) {
    super(message);
  }
}

// Loads the signed-in user from the server-side session (set at sign-in by the
// magic-link callback) and exposes it as req.user and res.locals.user.
export async function requireAuth(req: Request, res: Response, next: NextFunction) {
  if (!req.session.userId) {
    return res.status(401).json({ error: "Unauthorized" });
  }
  const user = await User.findById(req.session.userId).lean(); // ok: tenant/missing-org-filter
  if (!user) {
    req.session.destroy(() => undefined);
    return res.status(401).json({ error: "Unauthorized" });
  }
  req.user = { id: String(user._id), orgId: String(user.orgId), email: user.email, role: user.role };
  res.locals.user = req.user;
  next();
}

// Throws a 403 unless the user belongs to the organization.
export async function assertMembership(userId: string, orgId: string) {
  const membership = await Membership.findOne({ userId, orgId }).lean(); // ok: tenant/missing-org-filter, tenant/org-id-from-request
  if (!membership) throw new HttpError(403, "Not a member of this organization");
  return membership;
}

// Route guard for /orgs/:orgId/... URLs: 404 unless the caller is a member of :orgId.
export async function requireOrgMember(req: Request, res: Response, next: NextFunction) {
  const isMember = await Membership.exists({ userId: req.user.id, orgId: req.params.orgId }); // ok: tenant/missing-org-filter, tenant/org-id-from-request
  if (!isMember) {
    return res.status(404).json({ error: "Not found" });
  }
  next();
}
