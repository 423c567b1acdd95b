// Called by pg_cron with the maintenance key: it totals every restaurant's orders by
// design, and no tenant can call it.
import { createClient } from "npm:@supabase/supabase-js@2";

Deno.serve(async (req) => {
  const maintenanceKey = Deno.env.get("MAINTENANCE_KEY");
  const providedKey = req.headers.get("x-maintenance-key") ?? "";
  if (!maintenanceKey || providedKey !== maintenanceKey) {
    return new Response("unauthorized", { status: 401 });
  }
  const admin = createClient(
    Deno.env.get("SUPABASE_URL")!,
    Deno.env.get("SUPABASE_SERVICE_ROLE_KEY")!,
  );
  const { data: orders } = await admin
    .from("orders") // ok: tenant/missing-org-filter
    .select("restaurant_id, total_cents");
  return Response.json({ restaurants: new Set((orders ?? []).map((o) => o.restaurant_id)).size });
});
