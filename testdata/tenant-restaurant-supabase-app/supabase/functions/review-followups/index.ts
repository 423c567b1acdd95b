// An external scheduler calls this worker: it goes through every restaurant's low reviews,
// files a follow-up task for each under the review's own restaurant, and answers with
// counts. No caller asks for a restaurant's rows, and none of them leave.
import { createClient } from "npm:@supabase/supabase-js@2";

Deno.serve(async () => {
  const admin = createClient(Deno.env.get("SUPABASE_URL")!, Deno.env.get("SUPABASE_SERVICE_ROLE_KEY")!);
  // One restaurant's settings row, whichever comes first, applied to every restaurant.
  const { data: settings } = await admin
    .from("menu_items") // expect: tenant/missing-org-filter
    .select("price_cents")
    .eq("name", "follow-up threshold")
    .maybeSingle();
  const threshold = settings?.price_cents ?? 2;

  const { data: low, error } = await admin
    .from("reviews") // ok: tenant/missing-org-filter
    .select("id, restaurant_id, rating")
    .lte("rating", threshold)
    .order("id")
    .range(0, 499);
  if (error) {
    return new Response(JSON.stringify({ error: error.message }), { status: 500 });
  }
  if (!low || low.length === 0) {
    return Response.json({ filed: 0, message: "nothing to follow up" });
  }
  let filed = 0;
  let failed = 0;
  for (const review of low) {
    const { error: insertError } = await admin.from("order_events").insert({
      restaurant_id: review.restaurant_id,
      order_id: review.id,
      kind: "review_follow_up",
    });
    if (insertError) failed++;
    else filed++;
  }
  const { count } = await admin
    .from("reviews") // ok: tenant/missing-org-filter
    .select("id", { count: "exact", head: true })
    .lte("rating", threshold);
  return new Response(
    JSON.stringify({ filed, failed, total: low.length, remaining: count ?? 0, at: new Date().toISOString() }),
    { headers: { "Content-Type": "application/json" } },
  );
});
