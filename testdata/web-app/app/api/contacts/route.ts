import { NextResponse } from "next/server";

import { getSession, prisma } from "@/lib/session";

// The CRM's address book: a contact's role is a job title, and contacts never sign in.
export async function POST(req: Request) {
  const session = await getSession();
  if (!session) return NextResponse.json({ error: "Unauthorized" }, { status: 401 });
  const body = await req.json();
  const contact = await prisma.contact.create({
    data: {
      name: String(body.name),
      email: String(body.email),
      role: body.role ?? null, // ok: authz/mass-assignment-role
    },
  });
  return NextResponse.json({ id: contact.id }, { status: 201 });
}
