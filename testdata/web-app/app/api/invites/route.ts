import { NextResponse } from "next/server";

import { getSession, prisma } from "@/lib/session";

// A signed-in user accepting an invitation picks their own role.
export async function POST(req: Request) {
  const session = await getSession();
  if (!session) return NextResponse.json({ error: "Unauthorized" }, { status: 401 });
  const body = await req.json();
  await prisma.user.update({
    where: { id: session.user.id },
    data: { role: body.role }, // expect: authz/mass-assignment-role
  });
  return NextResponse.json({ ok: true });
}
