import { NextResponse } from "next/server";
import { cookies } from "next/headers";
import { prisma } from "@/lib/prisma";
import { validateSuperAdminSession } from "@/lib/super-admin";

// The back office: platform staff look at any organization's project.
export async function GET(_req: Request, { params }: { params: { id: string } }) {
  const token = cookies().get("adminToken")?.value;
  if (!token) return NextResponse.json({ error: "Unauthorized" }, { status: 401 });
  const session = await validateSuperAdminSession(token);
  if (!session) {
    return NextResponse.json({ error: "Invalid session" }, { status: 401 });
  }
  const project = await prisma.project.findUnique({ where: { id: params.id } }); // ok: tenant/missing-org-filter
  return NextResponse.json({ project });
}
