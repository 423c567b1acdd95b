import jwt from "jsonwebtoken";
import { NextResponse } from "next/server";
import { supabaseAdmin } from "@/lib/supabase/admin";

export async function GET(request: Request) {
  const auth = request.headers.get("authorization") ?? "";
  const token = auth.startsWith("Bearer ") ? auth.slice(7) : "";
  const decoded = jwt.decode(token, { json: true }); // expect: auth/jwt-unverified
  if (!decoded?.sub) {
    return NextResponse.json({ error: "Unauthorized" }, { status: 401 });
  }

  const { data: profile, error } = await supabaseAdmin
    .from("profiles")
    .select("id, full_name, avatar_url, plan")
    .eq("id", decoded.sub)
    .single();
  if (error) {
    return NextResponse.json({ error: "Profile not available" }, { status: 404 });
  }
  return NextResponse.json({ profile });
}
