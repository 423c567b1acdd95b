import Anthropic from "@anthropic-ai/sdk";
import OpenAI from "openai";
import { NextResponse } from "next/server";
import { createClient } from "@/lib/supabase/server";

const anthropic = new Anthropic({
  apiKey: "sk-ant-api03-V7Fh59iyFBd5liAQrgaNkNFYshYVoieL4zY8gDpyZZt7zrpOHqeapJU53ijW-bvhYrmTL6qmHh2NpIqQbJrMyql9kM-BdAA", // expect: secrets/hardcoded-credential
});

const openai = new OpenAI({ apiKey: process.env.OPENAI_API_KEY }); // ok: secrets/hardcoded-credential, secrets/client-exposed-secret

const SYSTEM_PROMPT =
  "You are TaskNest's project assistant. Help the user plan and break down tasks. Answer in short bullet points.";

type ChatMessage = { role: "user" | "assistant"; content: string };

export async function POST(request: Request) {
  const supabase = await createClient();
  const {
    data: { user },
  } = await supabase.auth.getUser();
  if (!user) {
    return NextResponse.json({ error: "Unauthorized" }, { status: 401 });
  }

  const { messages, provider = "anthropic" } = (await request.json()) as {
    messages: ChatMessage[];
    provider?: "anthropic" | "openai";
  };

  if (provider === "openai") {
    const completion = await openai.chat.completions.create({
      model: "gpt-4o-mini",
      messages: [{ role: "system", content: SYSTEM_PROMPT }, ...messages],
    });
    return NextResponse.json({ reply: completion.choices[0]?.message.content ?? "" });
  }

  const response = await anthropic.messages.create({
    model: "claude-3-5-sonnet-latest",
    max_tokens: 1024,
    system: SYSTEM_PROMPT,
    messages,
  });
  const first = response.content[0];
  return NextResponse.json({ reply: first?.type === "text" ? first.text : "" });
}
