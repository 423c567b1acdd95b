// The storefront assistant. The same kind of tool list, handed to the model for every
// signed-in shopper in one handler and after an admin check in another: one open path
// is enough.
import { createClient } from "npm:@supabase/supabase-js@2";

const SHOP_TOOLS = [
  {
    type: "function",
    function: {
      name: "refund_order", // expect: ai/unrestricted-tool
      description: "Refund an order to the customer's card",
      parameters: { type: "object", properties: { orderId: { type: "string" } }, required: ["orderId"] },
    },
  },
];

async function callModel(messages: unknown[]) {
  const res = await fetch("https://api.openai.com/v1/chat/completions", {
    method: "POST",
    headers: { Authorization: `Bearer ${Deno.env.get("OPENAI_API_KEY")}`, "Content-Type": "application/json" },
    body: JSON.stringify({ model: "gpt-4o", messages, tools: SHOP_TOOLS }),
  });
  return res.text();
}

async function adminReview(userId: string, messages: unknown[]) {
  const supabase = createClient(Deno.env.get("SUPABASE_URL")!, Deno.env.get("SUPABASE_SERVICE_ROLE_KEY")!);
  const { data: staff } = await supabase.from("user_roles").select("role").eq("user_id", userId).eq("role", "admin").maybeSingle();
  if (!staff) throw new Error("Admins only");
  return JSON.stringify({ model: "gpt-4o", messages, tools: SHOP_TOOLS });
}

Deno.serve(async (req) => {
  const { messages, review, userId } = await req.json();
  if (review) return new Response(await adminReview(userId, messages));
  return new Response(await callModel(messages), { headers: { "Content-Type": "application/json" } });
});
