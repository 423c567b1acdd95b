import { NextResponse } from "next/server";
import { cookies } from "next/headers";
import { prisma } from "@/lib/prisma";
import { validateSuperAdminSession } from "@/lib/super-admin";

// The session is looked up, and never checked: anyone gets every organization's projects.
export async function GET() {
  const token = cookies().get("adminToken")?.value ?? "";
  const session = await validateSuperAdminSession(token);
  const projects = await prisma.project.findMany({ orderBy: { createdAt: "desc" } }); // expect: tenant/missing-org-filter
  return NextResponse.json({ projects, admin: session?.admin.email });
}
