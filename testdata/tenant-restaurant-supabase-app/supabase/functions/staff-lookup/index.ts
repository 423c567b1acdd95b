// The same narrowing by an address the request sends: anyone's staff row, of any
// restaurant.
import { createClient } from "npm:@supabase/supabase-js@2";

type Admin = ReturnType<typeof createClient>;

async function staffByAddress(admin: Admin, email: string) {
  const lower = email.toLowerCase().trim();
  const { data: candidates } = await admin
    .from("restaurant_staff") // expect: tenant/missing-org-filter
    .select("id, restaurant_id, role, email");
  return (candidates || []).filter((s) => s.email && s.email.toLowerCase().trim() === lower);
}

Deno.serve(async (req) => {
  const { email } = await req.json();
  const admin = createClient(Deno.env.get("SUPABASE_URL")!, Deno.env.get("SUPABASE_SERVICE_ROLE_KEY")!);
  const token = (req.headers.get("Authorization") ?? "").replace("Bearer ", "");
  const { data: { user } } = await admin.auth.getUser(token);
  if (!user) return new Response("unauthorized", { status: 401 });
  return Response.json({ staff: await staffByAddress(admin, email) });
});
