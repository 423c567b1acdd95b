import { NextResponse } from "next/server";
import { getServerSession } from "next-auth";
import { authOptions } from "@/lib/auth";
import { prisma } from "@/lib/prisma";

// One template of the gallery, by id: only a published one is found.
export async function GET(_req: Request, { params }: { params: { id: string } }) {
  const session = await getServerSession(authOptions);
  if (!session?.user?.orgId) {
    return NextResponse.json({ error: "Unauthorized" }, { status: 401 });
  }
  const template = await prisma.template.findFirst({ where: { id: params.id, isPublic: true } }); // ok: tenant/missing-org-filter
  if (!template) return NextResponse.json({ error: "Not found" }, { status: 404 });
  return NextResponse.json({ template });
}

// Copying a template the caller names: any organization's, published or not.
export async function POST(_req: Request, { params }: { params: { id: string } }) {
  const session = await getServerSession(authOptions);
  if (!session?.user?.orgId) {
    return NextResponse.json({ error: "Unauthorized" }, { status: 401 });
  }
  const source = await prisma.template.findUnique({ where: { id: params.id } }); // expect: tenant/missing-org-filter
  if (!source) return NextResponse.json({ error: "Not found" }, { status: 404 });
  const copy = await prisma.template.create({
    data: { orgId: session.user.orgId, name: source.name, body: source.body },
  });
  return NextResponse.json({ copy });
}
