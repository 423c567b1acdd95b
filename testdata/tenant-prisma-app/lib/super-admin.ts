import { prisma } from "@/lib/prisma";

// The back office's session check: a super-admin session that has not expired.
export async function validateSuperAdminSession(token: string) {
  const session = await prisma.superAdminSession.findUnique({
    where: { token },
    include: { admin: true },
  });
  if (!session || session.expiresAt < new Date() || !session.admin.isActive) return null;
  return session;
}

// A customer's session, looked up the same way: no platform staff behind it.
export async function validateSession(token: string) {
  const session = await prisma.session.findUnique({ where: { sessionToken: token } });
  if (!session || session.expires < new Date()) return null;
  return session;
}
