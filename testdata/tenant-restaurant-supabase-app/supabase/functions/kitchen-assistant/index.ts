// The kitchen assistant: staff ask questions, the model answers with database tools.
import OpenAI from "npm:openai@4";
import { createClient } from "npm:@supabase/supabase-js@2";

const openai = new OpenAI({ apiKey: Deno.env.get("OPENAI_API_KEY") });

Deno.serve(async (req) => {
  const admin = createClient(Deno.env.get("SUPABASE_URL")!, Deno.env.get("SUPABASE_SERVICE_ROLE_KEY")!);
  const token = (req.headers.get("Authorization") ?? "").replace("Bearer ", "");
  const { data: { user } } = await admin.auth.getUser(token);
  if (!user) return new Response("unauthorized", { status: 401 });

  const { question } = await req.json();
  const completion = await openai.chat.completions.create({
    model: "gpt-4o-mini",
    messages: [
      { role: "system", content: "You answer questions about the kitchen's dishes." },
      { role: "user", content: question },
    ],
    tools: [
      { type: "function", function: { name: "find_dish", parameters: { type: "object", properties: { name: { type: "string" } } } } },
      { type: "function", function: { name: "dish_report", parameters: { type: "object", properties: { sql: { type: "string" } } } } },
    ],
  });
  const answers = [];
  for (const toolCall of completion.choices[0].message.tool_calls ?? []) {
    const args = JSON.parse(toolCall.function.arguments);
    if (toolCall.function.name === "dish_report") {
      // the model writes the query, and the database function runs it
      const { data } = await admin.rpc("run_kitchen_query", { sql_query: args.sql }); // expect: ai/llm-output-exec
      answers.push(data);
    } else if (toolCall.function.name === "find_dish") {
      // the model picks a dish name, which the database function binds as a value
      const { data } = await admin.rpc("dish_by_name", { p_name: args.name }); // ok: ai/llm-output-exec
      answers.push(data);
    }
  }
  return Response.json({ answers });
});
