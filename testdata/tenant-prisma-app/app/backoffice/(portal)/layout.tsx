import type React from "react";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { prisma } from "@/lib/prisma";

// Every back-office page renders inside this layout, which lets only platform staff in.
export default async function BackofficeLayout({ children }: { children: React.ReactNode }) {
  const token = cookies().get("adminToken")?.value;
  if (!token) redirect("/login?type=admin");
  const session = await prisma.superAdminSession.findUnique({ where: { token } });
  if (!session || session.expiresAt < new Date()) redirect("/login?type=admin");
  return <main>{children}</main>;
}
