import { createOpenAI } from "@ai-sdk/openai";
import { generateText } from "ai";
import { getServerSession } from "next-auth";
import { authOptions } from "@/lib/auth";

const openai = createOpenAI({ apiKey: process.env.OPENAI_API_KEY }); // ok: secrets/secret-in-prompt

// Billing Q&A for signed-in customers.
export async function POST(req: Request) {
  const session = await getServerSession(authOptions);
  if (!session?.user?.email) return new Response("Unauthorized", { status: 401 });
  const { question, source } = await req.json();

  if (source === "ledger") return Response.json(await askLedger(question));
  if (source === "cached") return Response.json(await askWithChargeHistory(question, session.user.email));

  const { text } = await generateText({
    model: openai("gpt-4o"),
    system: `You are the billing assistant. Look up charges with the Stripe REST API, authenticating with ${process.env.STRIPE_SECRET_KEY}.`, // expect: secrets/secret-in-prompt
    prompt: `Customer ${session.user.email} asks: ${question}`, // ok: ai/prompt-injection
  });
  return Response.json({ answer: text });
}

async function askLedger(question: string) {
  const apiKey = process.env.LEDGER_API_KEY;
  const { text } = await generateText({
    model: openai("gpt-4o-mini"),
    messages: [
      { role: "system", content: "You can call the ledger API with the key given in the user message." },
      { role: "user", content: `Ledger API key: ${apiKey}\n\nQuestion: ${question}` }, // expect: secrets/secret-in-prompt
    ],
  });
  return { answer: text };
}

async function askWithChargeHistory(question: string, email: string) {
  const res = await fetch(`${process.env.LEDGER_API_URL}/customers/${encodeURIComponent(email)}/charges`, {
    headers: { Authorization: `Bearer ${process.env.LEDGER_API_KEY}` }, // ok: secrets/secret-in-prompt
  });
  const charges = await res.json();
  const { text } = await generateText({
    model: openai("gpt-4o-mini"),
    system: `You are the billing assistant for ${process.env.NEXT_PUBLIC_APP_URL}. Never ask for or reveal STRIPE_SECRET_KEY or any other credential.`, // ok: secrets/secret-in-prompt
    prompt: `Recent charges: ${JSON.stringify(charges)}\n\nQuestion: ${question}`, // ok: secrets/secret-in-prompt
  });
  return { answer: text };
}
