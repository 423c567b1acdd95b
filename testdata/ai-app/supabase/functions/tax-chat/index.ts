import { createClient } from "https://esm.sh/@supabase/supabase-js@2";

const SYSTEM_PROMPT = "You are a tax assistant. Answer only tax questions.";

function buildSystemPrompt(currentPage?: string): string {
  const pageContext = currentPage ? `\nThe visitor is viewing: ${currentPage}` : "";
  return `${SYSTEM_PROMPT}${pageContext}`; // expect: ai/prompt-injection
}

function buildRegionPrompt(region: string): string {
  const allowed = ["EU", "US"].includes(region) ? region : "US";
  return `${SYSTEM_PROMPT}\nRules: ${allowed === "EU" ? "EU VAT" : "US sales tax"}`; // ok: ai/prompt-injection
}

async function createAICompletion(options: { systemPrompt: string; messages: unknown[] }) {
  const res = await fetch("https://ai.gateway.lovable.dev/v1/chat/completions", {
    method: "POST",
    headers: { Authorization: `Bearer ${Deno.env.get("LOVABLE_API_KEY")}` },
    body: JSON.stringify({ messages: [{ role: "system", content: options.systemPrompt }, ...options.messages] }),
  });
  return res.json();
}

Deno.serve(async (req) => {
  const supabase = createClient(Deno.env.get("SUPABASE_URL")!, Deno.env.get("SUPABASE_ANON_KEY")!, {
    global: { headers: { Authorization: req.headers.get("Authorization")! } },
  });
  const { data: { user } } = await supabase.auth.getUser();
  if (!user) return new Response("Unauthorized", { status: 401 });

  const { messages, taxContext, page, region } = await req.json();

  let systemPrompt = SYSTEM_PROMPT;
  if (taxContext) {
    systemPrompt += `\nUser tax context: regime ${taxContext.regime}, income ${taxContext.income}`; // expect: ai/prompt-injection
  }
  systemPrompt += "\nBe concise.";
  const chat = await createAICompletion({ systemPrompt, messages });

  const widget = await createAICompletion({ systemPrompt: buildSystemPrompt(page), messages });
  const regional = await createAICompletion({ systemPrompt: buildRegionPrompt(region), messages });

  let fixedPrompt = SYSTEM_PROMPT;
  fixedPrompt += "\nAlways cite the law.";
  const fixed = await createAICompletion({ systemPrompt: fixedPrompt, messages }); // ok: ai/prompt-injection
  return Response.json({ chat, widget, regional, fixed });
});
