import { NextResponse, type NextRequest } from "next/server";
import { getServerSession } from "next-auth";
import { authOptions } from "@/lib/auth";
import { prisma } from "@/lib/prisma";

// Billing page. The org switcher appends ?orgId= to the request.
export async function GET(request: NextRequest) {
  const session = await getServerSession(authOptions);
  if (!session?.user) {
    return NextResponse.json({ error: "Unauthorized" }, { status: 401 });
  }

  const orgId = request.nextUrl.searchParams.get("orgId");
  if (!orgId) {
    return NextResponse.json({ error: "orgId is required" }, { status: 400 });
  }

  const invoices = await prisma.invoice.findMany({ // ok: tenant/missing-org-filter
    where: { organizationId: orgId }, // expect: tenant/org-id-from-request
    orderBy: { dueDate: "desc" },
    take: 50,
  });
  const totals = await prisma.invoice.groupBy({ // expect: tenant/missing-org-filter
    by: ["status"],
    _sum: { amountCents: true },
    _count: true,
  });
  return NextResponse.json({ invoices, totals });
}

// Marks an invoice as void (or re-opens it).
export async function PATCH(request: NextRequest) {
  const session = await getServerSession(authOptions);
  if (!session?.user) {
    return NextResponse.json({ error: "Unauthorized" }, { status: 401 });
  }

  const body = await request.json();
  if (!["open", "void"].includes(body.status)) {
    return NextResponse.json({ error: "Invalid status" }, { status: 400 });
  }

  const { count } = await prisma.invoice.updateMany({ // ok: tenant/missing-org-filter
    where: { id: body.id, organizationId: body.orgId }, // expect: tenant/org-id-from-request
    data: { status: body.status },
  });
  if (count === 0) {
    return NextResponse.json({ error: "Not found" }, { status: 404 });
  }
  return NextResponse.json({ ok: true });
}
