import { NextResponse } from "next/server";
import { admin } from "@/lib/admin";

// The customer signs a catering quote from the link in their email, with no account:
// the quote's signing token is the key.
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { token } = await request.json();
  if (!token) return NextResponse.json({ error: "Missing token" }, { status: 400 });

  const { data: quote, error } = await admin
    .from("catering_quotes") // ok: tenant/missing-org-filter
    .select("id, status, sign_token")
    .eq("id", id)
    .single();
  if (error || !quote) return NextResponse.json({ error: "Not found" }, { status: 404 });
  if (quote.sign_token !== token) return NextResponse.json({ error: "Invalid token" }, { status: 403 });
  if (quote.status === "signed") return NextResponse.json({ error: "Already signed" }, { status: 409 });

  const { data: signed } = await admin
    .from("catering_quotes") // ok: tenant/missing-org-filter
    .update({ status: "signed", sign_token: null })
    .eq("id", id)
    .select()
    .single();
  return NextResponse.json({ quote: signed });
}

// The preview asks that the quote has a token and that the link carries one, never that
// they are the same: any quote of any restaurant opens with any token.
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const token = new URL(request.url).searchParams.get("token");
  const { data: quote } = await admin
    .from("catering_quotes") // expect: tenant/missing-org-filter
    .select("id, customer_email, total_cents, status, sign_token")
    .eq("id", id)
    .single();
  if (!quote || quote.sign_token === null || !token) {
    return NextResponse.json({ error: "Invalid link" }, { status: 403 });
  }
  return NextResponse.json({ quote });
}
