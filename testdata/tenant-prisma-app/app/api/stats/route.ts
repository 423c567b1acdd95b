import { NextResponse } from "next/server";
import { prisma } from "@/lib/prisma";

// The marketing page's counters: one number of the whole platform each.
export async function GET() {
  const projects = await prisma.project.count(); // ok: tenant/missing-org-filter
  // A count with a condition is a query like any other: open tasks of every organization.
  const open = await prisma.task.count({ where: { status: "open" } }); // expect: tenant/missing-org-filter
  return NextResponse.json({ projects, open });
}
