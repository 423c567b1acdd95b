import type { NextAuthOptions } from "next-auth";
import EmailProvider from "next-auth/providers/email";
import { PrismaAdapter } from "@next-auth/prisma-adapter";
import { prisma } from "@/lib/prisma";

export const authOptions: NextAuthOptions = {
  adapter: PrismaAdapter(prisma),
  session: { strategy: "database" },
  providers: [
    EmailProvider({
      server: process.env.EMAIL_SERVER,
      from: process.env.EMAIL_FROM,
    }),
  ],
  pages: { signIn: "/login" },
  callbacks: {
    // Puts the user's id and active organization on every session.
    async session({ session, user }) {
      const membership = await prisma.membership.findFirst({ // ok: tenant/missing-org-filter
        where: { userId: user.id },
        orderBy: { createdAt: "asc" },
      });
      session.user.id = user.id;
      session.user.orgId = membership?.orgId ?? "";
      return session;
    },
  },
};

export class ForbiddenError extends Error {}

// Throws unless the user belongs to the organization.
export async function requireOrgAccess(userId: string, orgId: string) {
  const membership = await prisma.membership.findFirst({ // ok: tenant/missing-org-filter
    where: { userId, orgId }, // ok: tenant/org-id-from-request
    select: { id: true, role: true },
  });
  if (!membership) throw new ForbiddenError("Not a member of this organization");
  return membership;
}
