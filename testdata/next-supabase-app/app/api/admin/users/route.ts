import { createClient as createSupabaseClient } from "@supabase/supabase-js";
import { NextResponse } from "next/server";
import { createClient } from "@/lib/supabase/server";

const SUPABASE_URL = "https://akykazllazrlvukoeidr.supabase.co";
const supabaseKey = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZSIsInJlZiI6ImFreWthemxsYXpybHZ1a29laWRyIiwicm9sZSI6InNlcnZpY2Vfcm9sZSIsImlhdCI6MTcwMDAwMDAwMCwiZXhwIjoyMDAwMDAwMDAwfQ.zBnEznl7D6k0T5roSDhEeHpdpBB7W75eYsPz0CZP1nw"; // expect: secrets/hardcoded-credential

const admin = createSupabaseClient(SUPABASE_URL, supabaseKey, {
  auth: { persistSession: false },
});

export async function GET() {
  const supabase = await createClient();
  const {
    data: { user },
  } = await supabase.auth.getUser();
  if (user?.app_metadata?.role !== "admin") {
    return NextResponse.json({ error: "Forbidden" }, { status: 403 });
  }

  const { data, error } = await admin.auth.admin.listUsers({ page: 1, perPage: 100 });
  if (error) {
    return NextResponse.json({ error: "Could not load users" }, { status: 500 });
  }
  return NextResponse.json({
    users: data.users.map((u) => ({ id: u.id, email: u.email, lastSignIn: u.last_sign_in_at })),
  });
}
