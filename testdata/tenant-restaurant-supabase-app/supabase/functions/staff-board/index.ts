// Two boards behind the staff wrapper: the context it hands over holds the caller's
// restaurant, resolved from their membership, and the request body, which the caller
// writes.
import { handleRequest } from "../_shared/handler.ts";

Deno.serve((req) =>
  handleRequest(req, async ({ serviceClient, restaurantId, body }) => {
    const { restaurant_id } = body;
    const { data: named } = await serviceClient.from("orders").select("id, total_cents").eq("restaurant_id", restaurant_id); // expect: tenant/org-id-from-request
    const { data: own } = await serviceClient.from("orders").select("id, total_cents").eq("restaurant_id", restaurantId); // ok: tenant/org-id-from-request
    return { named, own };
  })
);
