import { NextResponse, type NextRequest } from "next/server";
import { getServerSession } from "next-auth";
import { authOptions } from "@/lib/auth";
import { archiveProjectFor, openProjects } from "@/lib/data-access";
import { overdueByMonth, projectById } from "@/lib/reports";
import { projectDigest } from "@/lib/scheduler";

// The dashboard: the helpers of lib/ serve it (their findings are reported there).
export async function GET(request: NextRequest) {
  const session = await getServerSession(authOptions);
  if (!session?.user) return NextResponse.json({ error: "Unauthorized" }, { status: 401 });
  const id = request.nextUrl.searchParams.get("project");
  return NextResponse.json({
    open: await openProjects(),
    overdue: await overdueByMonth(),
    digest: await projectDigest(),
    project: id ? await projectById(id) : null,
  });
}

export async function POST(request: NextRequest) {
  const session = await getServerSession(authOptions);
  if (!session?.user) return NextResponse.json({ error: "Unauthorized" }, { status: 401 });
  const { id } = await request.json();
  return NextResponse.json(await archiveProjectFor(session, id));
}
