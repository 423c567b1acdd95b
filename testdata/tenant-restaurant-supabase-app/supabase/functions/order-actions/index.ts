import { createClient } from "npm:@supabase/supabase-js@2";

const url = Deno.env.get("SUPABASE_URL")!;

// What every action handler gets: the order the caller asked for, loaded once.
interface ActionContext {
  order: { id: string; restaurant_id: string; total_cents: number };
  orderId: string;
  admin: ReturnType<typeof createClient>;
}

// The order was loaded with the caller's own client: row level security ("staff manage
// orders") hands back only an order of the caller's restaurant, so its id, and the id it
// was looked up by, are checked.
async function handleVoid(ctx: ActionContext) {
  const { order, orderId, admin } = ctx;
  await admin.from("order_events").delete().eq("order_id", order.id); // ok: tenant/missing-org-filter
  // the id the caller's client looked the order up by, before it built the context
  await admin.from("order_events").update({ kind: "voided" }).eq("order_id", orderId); // ok: tenant/missing-org-filter
  await admin.from("orders").update({ total_cents: 0 }).eq("id", order.id); // ok: tenant/missing-org-filter
  return order.id;
}

// The order to copy the note to comes from the body, past the same context.
async function handleCopyNote(ctx: ActionContext, body: { targetOrderId: string }) {
  const { admin } = ctx;
  const { data: target } = await admin.from("orders").select("*").eq("id", body.targetOrderId).single(); // expect: tenant/missing-org-filter
  return target?.total_cents ?? 0;
}

Deno.serve(async (req) => {
  const caller = createClient(url, Deno.env.get("SUPABASE_ANON_KEY")!, {
    global: { headers: { Authorization: req.headers.get("Authorization") ?? "" } },
  });
  const admin = createClient(url, Deno.env.get("SUPABASE_SERVICE_ROLE_KEY")!);
  const body = await req.json();
  const { data: order } = await caller.from("orders").select("*").eq("id", body.orderId).single();
  if (!order) return new Response("not found", { status: 404 });
  const ctx: ActionContext = { order, orderId: body.orderId, admin };
  if (body.action === "void") return Response.json(await handleVoid(ctx));
  return Response.json(await handleCopyNote(ctx, body));
});
