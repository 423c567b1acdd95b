// A waiter leaves the app and clears their own shifts first. The user is the one the
// auth server verified for the bearer token, kept whole as `data.user`.
import { createClient } from "npm:@supabase/supabase-js@2";

Deno.serve(async (req) => {
  const admin = createClient(
    Deno.env.get("SUPABASE_URL")!,
    Deno.env.get("SUPABASE_SERVICE_ROLE_KEY")!,
  );
  const token = (req.headers.get("Authorization") ?? "").replace("Bearer ", "");
  const { data, error } = await admin.auth.getUser(token);
  if (error || !data?.user) return new Response("unauthorized", { status: 401 });
  const userId = data.user.id;

  // the caller's own shifts, by the id the auth server vouches for
  await admin
    .from("shifts") // ok: tenant/missing-org-filter
    .delete()
    .eq("staff_user_id", userId);

  // a colleague's shifts, by an id the request names
  const { colleague_id } = await req.json();
  await admin
    .from("shifts") // expect: tenant/missing-org-filter
    .delete()
    .eq("staff_user_id", colleague_id);
  return new Response(null, { status: 204 });
});
