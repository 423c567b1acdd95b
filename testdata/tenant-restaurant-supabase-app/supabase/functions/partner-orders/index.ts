// A delivery partner reads a restaurant's open orders with that restaurant's partner
// secret, from a server of its own: no user session.
import { createClient } from "npm:@supabase/supabase-js@2";

const admin = createClient(
  Deno.env.get("SUPABASE_URL")!,
  Deno.env.get("SUPABASE_SERVICE_ROLE_KEY")!,
);

function timingSafeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

Deno.serve(async (req) => {
  const url = new URL(req.url);
  const restaurantId = url.searchParams.get("restaurant_id");
  const secret = req.headers.get("x-partner-secret") ?? "";
  if (url.searchParams.get("mode") !== "check") {
    const { data: restaurant } = await admin
      .from("restaurants")
      .select("id, partner_secret")
      .eq("id", restaurantId) // ok: tenant/org-id-from-request
      .maybeSingle();
    if (!restaurant?.partner_secret || !timingSafeEqual(restaurant.partner_secret, secret)) {
      return new Response("unauthorized", { status: 401 });
    }
    const { data: orders } = await admin
      .from("orders")
      .select("id, total_cents")
      .eq("restaurant_id", restaurant.id);
    return Response.json(orders ?? []);
  }
  // Only asks that the restaurant has a secret, never that the partner knows it.
  const { data: listed } = await admin
    .from("restaurants")
    .select("id, partner_secret")
    .eq("id", restaurantId) // expect: tenant/org-id-from-request
    .maybeSingle();
  if (!listed?.partner_secret) return new Response("not a partner", { status: 404 });
  return Response.json({ partner: true, secret: listed.partner_secret });
});
