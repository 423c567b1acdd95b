// The operations assistant for the shop's admins. Its tools are declared once at the top
// of the module and handed to the model only after the caller's admin role is looked up.
import { createClient } from "npm:@supabase/supabase-js@2";

const OPS_TOOLS = [
  {
    type: "function",
    function: {
      name: "delete_product", // ok: ai/unrestricted-tool
      description: "Delete a product from the catalogue",
      parameters: { type: "object", properties: { id: { type: "string" } }, required: ["id"] },
    },
  },
  {
    type: "function",
    function: {
      name: "list_orders", // ok: ai/unrestricted-tool
      description: "List recent orders",
      parameters: { type: "object", properties: {} },
    },
  },
];

Deno.serve(async (req) => {
  const supabase = createClient(Deno.env.get("SUPABASE_URL")!, Deno.env.get("SUPABASE_SERVICE_ROLE_KEY")!);
  const token = (req.headers.get("Authorization") ?? "").replace("Bearer ", "");
  const { data: { user } } = await supabase.auth.getUser(token);
  if (!user) return new Response("Unauthorized", { status: 401 });
  const { data: adminRole } = await supabase
    .from("user_roles")
    .select("role")
    .eq("user_id", user.id)
    .eq("role", "admin")
    .maybeSingle();
  if (!adminRole) return new Response("Admins only", { status: 403 });

  const { messages } = await req.json();
  const res = await fetch("https://api.openai.com/v1/chat/completions", {
    method: "POST",
    headers: { Authorization: `Bearer ${Deno.env.get("OPENAI_API_KEY")}`, "Content-Type": "application/json" },
    body: JSON.stringify({ model: "gpt-4o", messages, tools: OPS_TOOLS }),
  });
  return new Response(await res.text(), { headers: { "Content-Type": "application/json" } });
});
