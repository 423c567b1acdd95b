import { NextResponse } from "next/server";
import { createClient } from "@supabase/supabase-js";
import { getCallerClient } from "@/lib/supabase-clients";

// The platform's own staff: `is_platform_admin()` reads profiles.is_platform_admin for
// auth.uid(); the back office then reads every organization with the service role.
export async function requirePlatformAdmin(token: string) {
  const userClient = getCallerClient(token);
  const { data: isAdmin } = await userClient.rpc("is_platform_admin");
  if (!isAdmin) {
    return { ok: false as const, response: NextResponse.json({ error: "forbidden" }, { status: 403 }) };
  }
  const service = createClient(process.env.NEXT_PUBLIC_SUPABASE_URL!, process.env.SUPABASE_SERVICE_ROLE_KEY!);
  return { ok: true as const, service };
}

// An organization's admin: still one tenant, whatever the service role then reads.
export async function requireOrgAdmin(token: string, orgId: string) {
  const userClient = getCallerClient(token);
  const { data: isAdmin } = await userClient.rpc("is_org_admin", { org_id: orgId });
  if (!isAdmin) {
    return { ok: false as const, response: NextResponse.json({ error: "forbidden" }, { status: 403 }) };
  }
  const service = createClient(process.env.NEXT_PUBLIC_SUPABASE_URL!, process.env.SUPABASE_SERVICE_ROLE_KEY!);
  return { ok: true as const, service };
}
