// The public profile of a restaurant, for its booking page: its name and slug are
// public, so looking them up by the id in the URL is not choosing a tenant's data.
import { createClient } from "npm:@supabase/supabase-js@2";

Deno.serve(async (req) => {
  const restaurantId = new URL(req.url).searchParams.get("restaurant");
  const admin = createClient(
    Deno.env.get("SUPABASE_URL")!,
    Deno.env.get("SUPABASE_SERVICE_ROLE_KEY")!,
  );
  const { data: restaurant } = await admin
    .from("restaurants")
    .select("id, name, slug")
    .eq("id", restaurantId) // ok: tenant/org-id-from-request
    .single();
  return new Response(JSON.stringify(restaurant), {
    headers: { "Content-Type": "application/json" },
  });
});
