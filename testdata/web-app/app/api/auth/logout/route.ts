import { NextResponse } from "next/server";

export async function POST() {
  const res = NextResponse.json({ ok: true });
  // clearing the cookie: nothing left to steal
  res.cookies.set("session", "", { path: "/", maxAge: 0 }); // ok: auth/insecure-cookie
  return res;
}
