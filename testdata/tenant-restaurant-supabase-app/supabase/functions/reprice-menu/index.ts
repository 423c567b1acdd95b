// Any signed-in user passes the wrapper here (no `internalOnly`): the service-role
// client then changes every restaurant's menu.
import { handleRequest } from "../_shared/handler.ts";

Deno.serve((req) =>
  handleRequest(req, async ({ serviceClient }) => {
    const { error } = await serviceClient
      .from("orders") // expect: tenant/missing-org-filter
      .update({ status: "repriced" })
      .gt("total_cents", 0);
    return { ok: !error };
  }, { internalOnly: false })
);
