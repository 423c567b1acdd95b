import { NextResponse } from "next/server";
import { cookies } from "next/headers";
import { prisma } from "@/lib/prisma";
import { validateSession } from "@/lib/super-admin";

// A customer's session is checked, but not that the project is their organization's.
export async function GET(_req: Request, { params }: { params: { id: string } }) {
  const session = await validateSession(cookies().get("session")?.value ?? "");
  if (!session) return NextResponse.json({ error: "Unauthorized" }, { status: 401 });
  const project = await prisma.project.findUnique({ where: { id: params.id } }); // expect: tenant/missing-org-filter
  return NextResponse.json({ project });
}
