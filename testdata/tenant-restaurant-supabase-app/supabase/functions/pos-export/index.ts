// The same job for a restaurant its configuration row names (`automation_key`): bound
// to that one restaurant, it then reads every restaurant's orders.
import { handleRequest } from "../_shared/handler.ts";

Deno.serve((req) =>
  handleRequest(req, async ({ serviceClient }) => {
    const { data: config } = await serviceClient
      .from("restaurants") // ok: tenant/missing-org-filter
      .select("id")
      .eq("slug", "pos-export")
      .maybeSingle();
    const restaurantId = config?.id;
    const { data: orders } = await serviceClient
      .from("orders") // expect: tenant/missing-org-filter
      .select("id, total_cents")
      .eq("status", "imported");
    return { restaurantId, exported: orders?.length ?? 0 };
  }, { internalOnly: true })
);
