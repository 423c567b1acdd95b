// The public ordering widget's endpoint. It rate-limits by phone number across every
// restaurant: a count, no rows, leaves the database.
import { createClient } from "npm:@supabase/supabase-js@2";

Deno.serve(async (req) => {
  const { phone, name } = await req.json();
  const admin = createClient(
    Deno.env.get("SUPABASE_URL")!,
    Deno.env.get("SUPABASE_SERVICE_ROLE_KEY")!,
  );

  const { count } = await admin
    .from("orders") // ok: tenant/missing-org-filter
    .select("id", { count: "exact", head: true })
    .eq("customer_phone", phone);
  if ((count ?? 0) > 5) return new Response("too many orders", { status: 429 });

  // but the guest's earlier orders are rows, of every restaurant
  const { data: earlier } = await admin
    .from("orders") // expect: tenant/missing-org-filter
    .select("id, total_cents, restaurant_id")
    .eq("customer_phone", phone);

  return new Response(JSON.stringify({ earlier, name }), {
    headers: { "Content-Type": "application/json" },
  });
});
