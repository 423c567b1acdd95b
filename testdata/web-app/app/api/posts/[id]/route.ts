import { NextResponse } from "next/server";

import { getSession, prisma } from "@/lib/session";

// Creator blog editor autosave. The Post model has no role or plan column.
export async function PATCH(req: Request, { params }: { params: { id: string } }) {
  const session = await getSession();
  if (!session) return NextResponse.json({ error: "Unauthorized" }, { status: 401 });
  const post = await prisma.post.findFirst({ where: { id: params.id, authorId: session.user.id } });
  if (!post) return NextResponse.json({ error: "Not found" }, { status: 404 });
  const body = await req.json();
  const updated = await prisma.post.update({ where: { id: post.id }, data: body }); // ok: authz/mass-assignment-role
  return NextResponse.json(updated);
}
