// The safe twin of send-whatsapp: the caller's staff membership of the restaurant is
// checked before its token is loaded.
import { createClient } from "npm:@supabase/supabase-js@2";

Deno.serve(async (req) => {
  const { restaurant_id, to, text } = await req.json();
  const admin = createClient(
    Deno.env.get("SUPABASE_URL")!,
    Deno.env.get("SUPABASE_SERVICE_ROLE_KEY")!,
  );
  const token = (req.headers.get("Authorization") ?? "").replace("Bearer ", "");
  const { data: { user } } = await admin.auth.getUser(token);
  if (!user) return new Response("unauthorized", { status: 401 });
  const { data: staff } = await admin
    .from("restaurant_staff")
    .select("id")
    .eq("user_id", user.id)
    .eq("restaurant_id", restaurant_id)
    .maybeSingle();
  if (!staff) return new Response("forbidden", { status: 403 });

  const { data: restaurant } = await admin
    .from("restaurants")
    .select("whatsapp_token")
    .eq("id", restaurant_id) // ok: tenant/org-id-from-request
    .single();
  await fetch("https://graph.facebook.com/v19.0/messages", {
    method: "POST",
    headers: { Authorization: `Bearer ${restaurant?.whatsapp_token}` },
    body: JSON.stringify({ to, text }),
  });
  return new Response("sent");
});
