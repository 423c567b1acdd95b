// Scheduled for the flagship restaurant: once it has picked that restaurant, a read
// without its id mixes every other restaurant's orders into the flagship's specials.
import { createClient } from "npm:@supabase/supabase-js@2";

Deno.serve(async () => {
  const admin = createClient(Deno.env.get("SUPABASE_URL")!, Deno.env.get("SUPABASE_SERVICE_ROLE_KEY")!);
  const restaurantId = Deno.env.get("FLAGSHIP_RESTAURANT_ID")!;
  const { data: popular } = await admin
    .from("orders") // expect: tenant/missing-org-filter
    .select("id, total_cents")
    .eq("status", "paid");
  return Response.json({ restaurantId, popular });
});
