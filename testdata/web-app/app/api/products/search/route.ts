import { sql } from "@vercel/postgres";
import { NextResponse, type NextRequest } from "next/server";

import { prisma } from "@/lib/session";

const SORTS = { newest: "created_at DESC", cheapest: "price_cents ASC" } as const;

export async function GET(req: NextRequest) {
  const q = req.nextUrl.searchParams.get("q") ?? "";
  const category = req.nextUrl.searchParams.get("category") ?? "ebooks";
  const creator = req.nextUrl.searchParams.get("creator");
  try {
    const products = await prisma.$queryRawUnsafe(`SELECT id, slug, title, price_cents FROM products WHERE title ILIKE '%${q}%' LIMIT 20`); // expect: web/sql-injection
    const inCategory = await prisma.$queryRaw`SELECT id, slug, title FROM products WHERE category = ${category} LIMIT 8`; // ok: web/sql-injection
    const byCreator = creator
      ? await prisma.$queryRawUnsafe("SELECT id, slug, title FROM products WHERE creator_id = $1 LIMIT 8", creator) // ok: web/sql-injection
      : [];
    const { rows: counts } = await sql`SELECT category, count(*)::int AS n FROM products WHERE title ILIKE ${"%" + q + "%"} GROUP BY category`; // ok: web/sql-injection
    const newest = await prisma.$queryRawUnsafe(`SELECT id, slug, title FROM products ORDER BY ${SORTS.newest} LIMIT 4`); // ok: web/sql-injection
    return NextResponse.json({ products, inCategory, byCreator, counts, newest });
  } catch (err) {
    console.error(err);
    return NextResponse.json({ error: "Search failed", stack: (err as Error).stack }, { status: 500 }); // expect: web/debug-enabled
  }
}
