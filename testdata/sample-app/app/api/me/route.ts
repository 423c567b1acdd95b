import { NextResponse } from "next/server";
import jwt from "jsonwebtoken";
import { db } from "@/lib/db";

export async function GET(req: Request) {
  const token = req.headers.get("authorization")?.replace("Bearer ", "") ?? "";
  const claims = jwt.decode(token) as { sub: string; role: string }; // expect: auth/jwt-unverified
  const user = await db.user.findUnique({ where: { id: claims.sub } });
  return NextResponse.json({ user, isAdmin: claims.role === "admin" });
}
