import "express-session";

export interface SessionUser {
  id: string;
  orgId: string;
  email: string;
  role: "owner" | "admin" | "member";
}

declare global {
  namespace Express {
    interface Request {
      // Set by requireAuth (middleware/auth.ts) from the server-side session.
      user: SessionUser;
    }
  }
}

declare module "express-session" {
  interface SessionData {
    userId?: string;
  }
}
