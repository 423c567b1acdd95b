// Staff log an event on an order, once per kind of event.
import { createClient } from "npm:@supabase/supabase-js@2";

Deno.serve(async (req) => {
  const admin = createClient(
    Deno.env.get("SUPABASE_URL")!,
    Deno.env.get("SUPABASE_SERVICE_ROLE_KEY")!,
  );
  const token = (req.headers.get("Authorization") ?? "").replace("Bearer ", "");
  const { data: { user } } = await admin.auth.getUser(token);
  if (!user) return new Response("unauthorized", { status: 401 });
  const { order_id, kind } = await req.json();

  // whether the order the request names already has such an event: only a presence
  // test, but among the events of any restaurant's order
  const { data: dup } = await admin
    .from("order_events") // expect: tenant/missing-org-filter
    .select("id")
    .eq("order_id", order_id)
    .eq("kind", kind);
  if (dup && dup.length > 0) {
    return new Response("already logged", { status: 409 });
  }
  return new Response(null, { status: 202 });
});
