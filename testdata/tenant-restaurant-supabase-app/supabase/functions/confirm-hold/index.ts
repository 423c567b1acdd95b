// A guest confirms a table hold with the code texted to their phone: no account, and
// the restaurant is the one the booking page names.
import { createClient } from "npm:@supabase/supabase-js@2";

const admin = createClient(
  Deno.env.get("SUPABASE_URL")!,
  Deno.env.get("SUPABASE_SERVICE_ROLE_KEY")!,
);

Deno.serve(async (req) => {
  const { action, restaurant_id, phone, otp_code } = await req.json();
  if (action === "confirm") {
    const { data: hold } = await admin
      .from("table_holds")
      .select("id, confirmed")
      .eq("restaurant_id", restaurant_id) // ok: tenant/org-id-from-request
      .eq("guest_phone", phone)
      .eq("otp_code", otp_code)
      .maybeSingle();
    if (!hold) return new Response("invalid code", { status: 403 });
    return Response.json({ id: hold.id, confirmed: hold.confirmed });
  }
  // Looking a hold up by phone alone: anyone reads any restaurant's holds of a number.
  const { data: holds } = await admin
    .from("table_holds")
    .select("id, confirmed, otp_code")
    .eq("restaurant_id", restaurant_id) // expect: tenant/org-id-from-request
    .eq("guest_phone", phone);
  return Response.json(holds ?? []);
});
