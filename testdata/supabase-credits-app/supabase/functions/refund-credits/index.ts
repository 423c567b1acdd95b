import { createServiceClient, withGateway } from "../_shared/gateway.ts";

// the shared gateway checks the caller's token: the function acts for that user only
async function refund(body: { amount: number }, ctx: { userId: string | null }) {
  const supabase = createServiceClient();
  await supabase.from("credit_refunds").insert({ user_id: ctx.userId, amount: body.amount });
  return { ok: true };
}

Deno.serve(withGateway(refund)); // ok: supabase/edge-function-no-auth
