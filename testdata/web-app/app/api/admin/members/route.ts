import { NextResponse } from "next/server";
import { createClient } from "@supabase/supabase-js";

import { getSession } from "@/lib/session";

const admin = createClient(process.env.SUPABASE_URL!, process.env.SUPABASE_SERVICE_ROLE_KEY!);

// Forgets a chat the bot was removed from: a row of the chats linked to accounts, not an
// account
export async function DELETE(req: Request) {
  const session = await getSession();
  if (!session) return NextResponse.json({ error: "Unauthorized" }, { status: 401 });
  const { chatId } = await req.json();
  await admin.from("telegram_users").delete().eq("chat_id", chatId); // ok: authz/missing-role-check
  return new NextResponse(null, { status: 204 });
}

// Removes a member: staff only, the caller's role read with a fallback
export async function POST(req: Request) {
  const session = await getSession();
  if (!session) return NextResponse.json({ error: "Unauthorized" }, { status: 401 });
  const { data: caller } = await admin.from("profiles").select("role").eq("id", session.user.id).single();
  if (!["admin", "hr"].includes(caller?.role || "")) {
    return NextResponse.json({ error: "Forbidden" }, { status: 403 });
  }
  const { userId } = await req.json();
  await admin.from("users").delete().eq("id", userId); // ok: authz/missing-role-check
  return new NextResponse(null, { status: 204 });
}

// Removes a member: platform admins only, asked of the database
export async function PUT(req: Request) {
  const session = await getSession();
  if (!session) return NextResponse.json({ error: "Unauthorized" }, { status: 401 });
  const { data: isAdmin } = await admin.rpc("is_platform_admin");
  if (!isAdmin) return NextResponse.json({ error: "Forbidden" }, { status: 403 });
  const { userId } = await req.json();
  await admin.from("users").delete().eq("id", userId); // ok: authz/missing-role-check
  return new NextResponse(null, { status: 204 });
}

// Removes a member: any signed-in user may
export async function PATCH(req: Request) {
  const session = await getSession();
  if (!session) return NextResponse.json({ error: "Unauthorized" }, { status: 401 });
  const { userId } = await req.json();
  await admin.from("users").delete().eq("id", userId); // expect: authz/missing-role-check
  return new NextResponse(null, { status: 204 });
}
