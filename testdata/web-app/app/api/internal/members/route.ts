import { NextResponse } from "next/server";

import { prisma } from "@/lib/session";

// The provisioning job of the deployment syncs roles from the company directory: only a
// caller holding the deployment's own token gets past the first line.
export async function POST(req: Request) {
  if (req.headers.get("x-internal-token") !== process.env.INTERNAL_API_TOKEN) {
    return NextResponse.json({ error: "Forbidden" }, { status: 403 });
  }
  const body = await req.json();
  await prisma.user.update({ // ok: authz/missing-role-check
    where: { email: body.email },
    data: { role: body.role }, // ok: authz/mass-assignment-role
  });
  return NextResponse.json({ ok: true });
}
