import { NextResponse, type NextRequest } from "next/server";
import { getServerSession } from "next-auth";
import { authOptions } from "@/lib/auth";
import { prisma } from "@/lib/prisma";

// Project names are unique across the platform. Checks a name the caller wants and finds
// the projects it names to copy from.
export async function POST(request: NextRequest) {
  const session = await getServerSession(authOptions);
  if (!session?.user?.orgId) {
    return NextResponse.json({ error: "Unauthorized" }, { status: 401 });
  }
  const { name, copyFrom, parentName } = await request.json();

  // only whether some organization holds the name, and a name taken turns the caller away
  const taken = await prisma.project.findFirst({ where: { name }, select: { id: true } }); // ok: tenant/missing-org-filter
  if (taken) {
    return NextResponse.json({ error: "Name already taken" }, { status: 409 });
  }
  const similar = await prisma.project.count({ where: { name: { startsWith: name } } }); // ok: tenant/missing-org-filter
  if (similar > 0) {
    return NextResponse.json({ error: "Pick a more distinct name" }, { status: 409 });
  }

  // found by its name and let through when found: a gate the missing filter opens to
  // every organization's projects
  const parent = await prisma.project.findFirst({ where: { name: parentName } }); // expect: tenant/missing-org-filter
  if (!parent) {
    return NextResponse.json({ error: "Not found" }, { status: 404 });
  }

  // found by its name, then its organization compared with the caller's before any use
  const source = await prisma.project.findFirst({ where: { name: copyFrom } }); // ok: tenant/missing-org-filter
  if (!source || source.orgId !== session.user.orgId) {
    return NextResponse.json({ error: "Not found" }, { status: 404 });
  }

  // its rows handed back: more than whether it exists
  const twin = await prisma.project.findFirst({ where: { name: copyFrom, status: "active" } }); // expect: tenant/missing-org-filter
  if (twin) {
    return NextResponse.json({ error: "Already copied", twin }, { status: 409 });
  }
  // exactly one project of that name anywhere lets the copy go on: no project at all
  // fails that test too, so it is a gate, not a probe
  const exact = await prisma.project.findMany({ where: { name: copyFrom }, select: { id: true } }); // expect: tenant/missing-org-filter
  if (exact.length !== 1) {
    return NextResponse.json({ error: "Ambiguous name" }, { status: 409 });
  }
  const project = await prisma.project.create({
    data: { name, orgId: session.user.orgId, ownerId: session.user.id, description: source.description },
  });
  return NextResponse.json(project, { status: 201 });
}
