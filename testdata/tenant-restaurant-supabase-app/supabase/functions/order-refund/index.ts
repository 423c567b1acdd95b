// Staff refund an order. The order is first read through a client that runs as the
// caller, under the orders policies (staff of its restaurant only): the service-role
// write that follows touches only an order the caller could read.
import { createClient } from "npm:@supabase/supabase-js@2";

Deno.serve(async (req) => {
  const { order_id, other_order_id } = await req.json();
  const asCaller = createClient(
    Deno.env.get("SUPABASE_URL")!,
    Deno.env.get("SUPABASE_ANON_KEY")!,
    { global: { headers: { Authorization: req.headers.get("Authorization")! } } },
  );
  const admin = createClient(
    Deno.env.get("SUPABASE_URL")!,
    Deno.env.get("SUPABASE_SERVICE_ROLE_KEY")!,
  );
  const { data: { user } } = await asCaller.auth.getUser();
  if (!user) return new Response("unauthorized", { status: 401 });

  const { data: order, error } = await asCaller
    .from("orders")
    .select("id, total_cents")
    .eq("id", order_id)
    .single();
  if (error || !order) return new Response("not found", { status: 404 });

  await admin
    .from("orders") // ok: tenant/missing-org-filter
    .update({ total_cents: 0 })
    .eq("id", order_id);

  // a second id from the body was never read as the caller
  await admin
    .from("orders") // expect: tenant/missing-org-filter
    .update({ total_cents: 0 })
    .eq("id", other_order_id);
  // the refunded order's receipt, in the storage bucket named like the table: a file,
  // not a row of `orders`
  await admin.storage
    .from("orders") // ok: tenant/missing-org-filter
    .remove([`receipts/${order.id}.pdf`]);
  return Response.json({ refunded: order.id });
});
