// Sends a WhatsApp message as a restaurant. Generated the usual way: the service-role
// client, the restaurant taken from the body, its whole row (with its WhatsApp token)
// loaded to send as it. Any caller sends messages as any restaurant.
import { createClient } from "npm:@supabase/supabase-js@2";

Deno.serve(async (req) => {
  const { restaurant_id, to, text } = await req.json();
  const admin = createClient(
    Deno.env.get("SUPABASE_URL")!,
    Deno.env.get("SUPABASE_SERVICE_ROLE_KEY")!,
  );
  const { data: restaurant } = await admin
    .from("restaurants")
    .select("*")
    .eq("id", restaurant_id) // expect: tenant/org-id-from-request
    .single();
  if (!restaurant) return new Response("not found", { status: 404 });
  await fetch("https://graph.facebook.com/v19.0/messages", {
    method: "POST",
    headers: { Authorization: `Bearer ${restaurant.whatsapp_token}` },
    body: JSON.stringify({ to, text }),
  });
  return new Response("sent");
});
