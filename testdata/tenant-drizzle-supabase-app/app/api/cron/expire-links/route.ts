import { NextResponse } from "next/server";
import { createClient } from "@supabase/supabase-js";

const supabaseAdmin = createClient(process.env.NEXT_PUBLIC_SUPABASE_URL!, process.env.SUPABASE_SERVICE_ROLE_KEY!);

// Nightly job, called by the scheduler with the cron secret: it works across organizations.
export async function POST(request: Request) {
  const authHeader = request.headers.get("authorization");
  const cronSecret = process.env.CRON_SECRET;
  if (!cronSecret || authHeader !== `Bearer ${cronSecret}`) {
    return NextResponse.json({ error: "Unauthorized" }, { status: 401 });
  }
  await supabaseAdmin.from("share_links").delete().lt("expires_at", new Date().toISOString()); // ok: tenant/missing-org-filter
  return NextResponse.json({ ok: true });
}

// A status check that only reports whether the secret is set: anyone can call it.
export async function GET() {
  const { data } = await supabaseAdmin.from("share_links").select("id, token").limit(100); // expect: tenant/missing-org-filter
  return NextResponse.json({ data, configured: Boolean(process.env.CRON_SECRET) });
}
