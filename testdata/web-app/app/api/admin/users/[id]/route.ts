import { NextResponse } from "next/server";

import { getSession, prisma } from "@/lib/session";

type Params = { params: { id: string } };

export async function GET(_req: Request, { params }: Params) {
  const session = await getSession();
  if (session?.user.role !== "ADMIN") return NextResponse.json({ error: "Forbidden" }, { status: 403 });
  const user = await prisma.user.findUnique({ where: { id: params.id }, include: { orders: true } });
  if (!user) return NextResponse.json({ error: "User not found" }, { status: 404 }); // ok: auth/user-enumeration
  return NextResponse.json(user);
}

export async function PATCH(req: Request, { params }: Params) {
  const session = await getSession();
  if (session?.user.role !== "ADMIN") return NextResponse.json({ error: "Forbidden" }, { status: 403 });
  const { role } = await req.json();
  const user = await prisma.user.update({ where: { id: params.id }, data: { role } }); // ok: authz/missing-role-check, authz/mass-assignment-role
  return NextResponse.json({ id: user.id, role: user.role });
}

export async function DELETE(_req: Request, { params }: Params) {
  const session = await getSession();
  if (!session) return NextResponse.json({ error: "Unauthorized" }, { status: 401 });
  await prisma.user.delete({ where: { id: params.id } }); // expect: authz/missing-role-check
  return new NextResponse(null, { status: 204 });
}
