// The same kind of worker, but it answers with the rows it read: every restaurant's
// reviews, handed to whoever calls the function.
import { createClient } from "npm:@supabase/supabase-js@2";

Deno.serve(async () => {
  const admin = createClient(Deno.env.get("SUPABASE_URL")!, Deno.env.get("SUPABASE_SERVICE_ROLE_KEY")!);
  const { data: low } = await admin
    .from("reviews") // expect: tenant/missing-org-filter
    .select("id, restaurant_id, rating")
    .lte("rating", 2);
  let flagged = 0;
  const digest = [];
  for (const review of low ?? []) {
    flagged++;
    digest.push({ id: review.id, restaurant: review.restaurant_id, rating: review.rating });
  }
  return Response.json({ flagged, digest });
});
