// A scheduled job for one restaurant (the one its config names): the wrapper lets in
// only the cron token, but the job then reads every restaurant's orders into the report
// it mails to that restaurant.
import { handleRequest } from "../_shared/handler.ts";

Deno.serve((req) =>
  handleRequest(req, async ({ serviceClient }) => {
    const restaurantId = Deno.env.get("REPORT_RESTAURANT_ID");
    const { data: orders } = await serviceClient
      .from("orders") // expect: tenant/missing-org-filter
      .select("id, total_cents");
    return { restaurantId, orders: orders?.length ?? 0 };
  }, { internalOnly: true })
);
