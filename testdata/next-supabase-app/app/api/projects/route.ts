import jwt, { type JwtPayload } from "jsonwebtoken";
import { NextResponse } from "next/server";
import { supabaseAdmin } from "@/lib/supabase/admin";

export async function GET(request: Request) {
  const token = request.headers.get("authorization")?.replace("Bearer ", "") ?? "";
  try {
    jwt.verify(token, process.env.SUPABASE_JWT_SECRET!, { algorithms: ["HS256"], audience: "authenticated" });
  } catch {
    return NextResponse.json({ error: "Unauthorized" }, { status: 401 });
  }
  const claims = jwt.decode(token) as JwtPayload & { email: string }; // ok: auth/jwt-unverified

  const { data: projects } = await supabaseAdmin
    .from("projects")
    .select("id, name, color, updated_at")
    .eq("owner_id", claims.sub!)
    .order("updated_at", { ascending: false });
  return NextResponse.json({ projects, owner: claims.email });
}
