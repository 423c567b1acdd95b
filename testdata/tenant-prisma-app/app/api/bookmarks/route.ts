import { NextResponse, type NextRequest } from "next/server";
import { getServerSession } from "next-auth";
import { authOptions } from "@/lib/auth";
import { prisma } from "@/lib/prisma";

// Whether the caller bookmarked a project: found by the compound key of the caller's id.
export async function GET(request: NextRequest) {
  const session = await getServerSession(authOptions);
  if (!session?.user?.id) {
    return NextResponse.json({ error: "Unauthorized" }, { status: 401 });
  }
  const projectId = request.nextUrl.searchParams.get("projectId") ?? "";
  const mine = await prisma.bookmark.findUnique({ // ok: tenant/missing-org-filter
    where: { userId_projectId: { userId: session.user.id, projectId } },
  });
  // who else bookmarked it: anyone's, in any organization
  const others = await prisma.bookmark.findMany({ where: { projectId } }); // expect: tenant/missing-org-filter
  return NextResponse.json({ bookmarked: Boolean(mine), others: others.length });
}
