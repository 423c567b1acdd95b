// A cron job that imports the one point-of-sale system the deployment is wired to. It
// does not know a restaurant of its own: it reads the restaurant off any one imported
// order (`limit(1)`) and takes every imported order for that restaurant's, so its reads
// of the imported orders are its purpose.
import { handleRequest } from "../_shared/handler.ts";

Deno.serve((req) =>
  handleRequest(req, async ({ serviceClient }) => {
    const { data: sample } = await serviceClient
      .from("orders") // ok: tenant/missing-org-filter
      .select("restaurant_id")
      .eq("status", "imported")
      .limit(1)
      .single();
    const restaurantId = sample?.restaurant_id;
    const { data: imported } = await serviceClient
      .from("orders") // ok: tenant/missing-org-filter
      .select("id, total_cents")
      .eq("status", "imported");
    return { restaurantId, imported: imported?.length ?? 0 };
  }, { internalOnly: true })
);
