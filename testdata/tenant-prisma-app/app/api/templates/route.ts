import { NextResponse } from "next/server";
import { getServerSession } from "next-auth";
import { authOptions } from "@/lib/auth";
import { prisma } from "@/lib/prisma";

// The template gallery: what every organization published, by design.
export async function GET() {
  const session = await getServerSession(authOptions);
  if (!session?.user?.orgId) {
    return NextResponse.json({ error: "Unauthorized" }, { status: 401 });
  }
  const gallery = await prisma.template.findMany({ // ok: tenant/missing-org-filter
    where: { isPublic: true },
    orderBy: { name: "asc" },
  });
  // the drafts: every organization's unpublished templates
  const drafts = await prisma.template.findMany({ where: { isPublic: false } }); // expect: tenant/missing-org-filter
  return NextResponse.json({ gallery, drafts });
}
