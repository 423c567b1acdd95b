// A weekly job the scheduler calls with the cron token: the shared wrapper lets in
// nobody else (`internalOnly`), so reading every restaurant's orders is its purpose.
import { handleRequest } from "../_shared/handler.ts";

Deno.serve((req) =>
  handleRequest(req, async ({ serviceClient }) => {
    const { data: orders } = await serviceClient
      .from("orders") // ok: tenant/missing-org-filter
      .select("restaurant_id, total_cents");
    return { restaurants: new Set((orders ?? []).map((o) => o.restaurant_id)).size };
  }, { internalOnly: true })
);
