import bcrypt from "bcryptjs";
import { NextResponse, type NextRequest } from "next/server";

import { createSessionToken, prisma } from "@/lib/session";

export async function POST(req: NextRequest) {
  const { email, password } = await req.json();
  const user = await prisma.user.findUnique({ where: { email } });
  if (!user) {
    return NextResponse.json({ error: "Invalid email or password" }, { status: 401 }); // ok: auth/user-enumeration
  }
  const valid = await bcrypt.compare(password, user.passwordHash);
  if (!valid) {
    return NextResponse.json({ error: "Invalid email or password" }, { status: 401 }); // ok: auth/user-enumeration
  }

  const token = await createSessionToken({ id: user.id, email: user.email, role: user.role });
  const res = NextResponse.json({ ok: true });
  res.cookies.set("session", token, { // ok: auth/insecure-cookie
    httpOnly: true,
    secure: true,
    sameSite: "lax",
    path: "/",
    maxAge: 60 * 60 * 24 * 7,
  });
  // The buy button on creators' own sites calls the API cross-site with this cookie.
  res.cookies.set("auth-token", token, {
    httpOnly: true,
    sameSite: "none", // expect: auth/insecure-cookie
    path: "/api/embed",
  });
  res.cookies.set("last_email", email, { maxAge: 60 * 60 * 24 * 30 }); // ok: auth/insecure-cookie
  return res;
}
