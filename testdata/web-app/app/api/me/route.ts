import { NextResponse } from "next/server";

import { getSession, prisma } from "@/lib/session";

export async function GET() {
  const session = await getSession();
  if (!session) return NextResponse.json({ error: "Unauthorized" }, { status: 401 });
  const user = await prisma.user.findUnique({
    where: { id: session.user.id },
    select: { id: true, email: true, name: true, bio: true, role: true, plan: true },
  });
  return NextResponse.json(user);
}

// Mobile app profile screen.
export async function PATCH(req: Request) {
  const session = await getSession();
  if (!session) return NextResponse.json({ error: "Unauthorized" }, { status: 401 });
  const body = await req.json();
  const user = await prisma.user.update({ where: { id: session.user.id }, data: { ...body } }); // expect: authz/mass-assignment-role
  return NextResponse.json({ id: user.id, name: user.name, bio: user.bio });
}

export async function DELETE() {
  const session = await getSession();
  if (!session) return NextResponse.json({ error: "Unauthorized" }, { status: 401 });
  await prisma.user.delete({ where: { id: session.user.id } }); // ok: authz/missing-role-check
  const res = new NextResponse(null, { status: 204 });
  res.cookies.delete("session");
  return res;
}
