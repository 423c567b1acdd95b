import { createOpenAI } from "@ai-sdk/openai";
import { convertToModelMessages, streamText, type UIMessage } from "ai";

export const maxDuration = 30;

const openai = createOpenAI({ apiKey: process.env.OPENAI_API_KEY }); // ok: secrets/secret-in-prompt

type WidgetChatBody = {
  messages: UIMessage[];
  persona: string;
};

// Chat endpoint for the embeddable widget: every customer site sends its own bot persona.
export async function POST(req: Request) {
  const { messages, persona }: WidgetChatBody = await req.json();
  const voice = `${persona}`;

  const result = streamText({
    model: openai("gpt-4o-mini"),
    system: `You are ${voice}. Keep answers short and friendly.`, // expect: ai/prompt-injection
    messages: convertToModelMessages(messages), // ok: ai/prompt-injection
    maxOutputTokens: 800,
  });

  return result.toUIMessageStreamResponse();
}

// Prompt playground: the user writes the whole system prompt for their own session, on
// their own key. The client owns the prompt by design; nothing of ours is rewritten.
export async function PUT(req: Request) {
  const { messages, systemPrompt } = await req.json();
  const result = streamText({
    model: openai("gpt-4o-mini"),
    system: systemPrompt, // ok: ai/prompt-injection
    messages: convertToModelMessages(messages),
  });
  return result.toUIMessageStreamResponse();
}
