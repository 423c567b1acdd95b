import { createClient } from "jsr:@supabase/supabase-js@2";
import OpenAI from "npm:openai@4";
import { corsHeaders } from "../_shared/cors.ts";

const supabase = createClient(
  Deno.env.get("SUPABASE_URL")!,
  Deno.env.get("SUPABASE_SERVICE_ROLE_KEY")!, // ok: secrets/hardcoded-credential, secrets/client-exposed-secret
);
const openai = new OpenAI({ apiKey: Deno.env.get("OPENAI_API_KEY") }); // ok: secrets/hardcoded-credential

Deno.serve(async (req) => {
  if (req.method === "OPTIONS") {
    return new Response("ok", { headers: corsHeaders });
  }

  // verify_jwt is on (the default), so the gateway has already checked this token.
  const token = req.headers.get("Authorization")?.replace("Bearer ", "") ?? "";
  const payload = JSON.parse(atob(token.split(".")[1])); // ok: auth/jwt-unverified

  const { projectId } = await req.json();
  const { data: tasks } = await supabase
    .from("tasks")
    .select("title, status, due_date")
    .eq("project_id", projectId)
    .eq("assignee_id", payload.sub)
    .limit(50);

  const completion = await openai.chat.completions.create({
    model: "gpt-4o-mini",
    messages: [
      { role: "system", content: "Summarise the user's open tasks in three short sentences." },
      { role: "user", content: JSON.stringify(tasks ?? []) },
    ],
  });

  return new Response(JSON.stringify({ summary: completion.choices[0]?.message.content ?? "" }), {
    headers: { ...corsHeaders, "Content-Type": "application/json" },
  });
});
