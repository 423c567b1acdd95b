// An owner removes a staff member. The caller is the subject of the token's verified
// claims; the staff row named in the request is first read only to refuse removing
// oneself, and the delete is held to the restaurant whose ownership was checked.
import { createClient } from "npm:@supabase/supabase-js@2";

Deno.serve(async (req) => {
  const token = (req.headers.get("Authorization") ?? "").replace("Bearer ", "");
  const anon = createClient(Deno.env.get("SUPABASE_URL")!, Deno.env.get("SUPABASE_ANON_KEY")!);
  const { data: claimsData, error } = await anon.auth.getClaims(token);
  if (error || !claimsData?.claims?.sub) return new Response("unauthorized", { status: 401 });
  const callerId = claimsData.claims.sub as string;

  const { staff_id, restaurant_id, action } = await req.json();
  const admin = createClient(
    Deno.env.get("SUPABASE_URL")!,
    Deno.env.get("SUPABASE_SERVICE_ROLE_KEY")!,
  );
  const { data: owner } = await admin
    .from("restaurant_staff")
    .select("role")
    .eq("restaurant_id", restaurant_id) // ok: tenant/org-id-from-request
    .eq("user_id", callerId)
    .maybeSingle();
  if (!owner || owner.role !== "owner") return new Response("forbidden", { status: 403 });

  if (action === "remove") {
    // only whether the row is the caller's own is learnt
    const { data: member } = await admin
      .from("restaurant_staff") // ok: tenant/missing-org-filter
      .select("user_id")
      .eq("id", staff_id)
      .single();
    if (member?.user_id === callerId) {
      return new Response("cannot remove yourself", { status: 400 });
    }
    await admin
      .from("restaurant_staff")
      .delete()
      .eq("id", staff_id)
      .eq("restaurant_id", restaurant_id); // ok: tenant/org-id-from-request
    return new Response(null, { status: 204 });
  }

  // the row of any restaurant's staff member is handed back
  const { data: member } = await admin
    .from("restaurant_staff") // expect: tenant/missing-org-filter
    .select("user_id, role")
    .eq("id", staff_id)
    .single();
  if (member?.user_id === callerId) {
    return new Response("that is you", { status: 400 });
  }
  return Response.json(member);
});
