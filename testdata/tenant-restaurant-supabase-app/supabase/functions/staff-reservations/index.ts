// The staff wrapper's context, read through its parameter: `ctx.body` is the caller's,
// `ctx.restaurantId` the wrapper's.
import { handleRequest } from "../_shared/handler.ts";

Deno.serve((req) =>
  handleRequest(req, async (ctx) => {
    const { data: named } = await ctx.serviceClient.from("reservations").select("id, guest_name").eq("restaurant_id", ctx.body.restaurant_id); // expect: tenant/org-id-from-request
    const { data: own } = await ctx.serviceClient.from("reservations").select("id, guest_name").eq("restaurant_id", ctx.restaurantId); // ok: tenant/org-id-from-request
    return { named, own };
  })
);
