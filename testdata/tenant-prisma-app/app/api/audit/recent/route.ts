import { NextResponse } from "next/server";
import { getServerSession } from "next-auth";
import { recentAuditActions } from "@/lib/audit";

export async function GET() {
  const session = await getServerSession();
  if (!session) return NextResponse.json({ error: "unauthorized" }, { status: 401 });
  return NextResponse.json(await recentAuditActions());
}
