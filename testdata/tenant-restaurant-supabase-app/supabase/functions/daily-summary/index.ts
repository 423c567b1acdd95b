// A scheduled job for the restaurant its settings row names, bound by destructuring:
// the orders it then reads are every restaurant's.
import { handleRequest } from "../_shared/handler.ts";

Deno.serve((req) =>
  handleRequest(req, async ({ serviceClient }) => {
    const { restaurant_id } = await req.json();
    const { data: orders } = await serviceClient
      .from("orders") // expect: tenant/missing-org-filter
      .select("id, total_cents");
    return { restaurant_id, orders: orders?.length ?? 0 };
  }, { internalOnly: true })
);
