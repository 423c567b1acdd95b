import OpenAI from "openai";
import { NextResponse } from "next/server";

const openai = new OpenAI();

// The prompt is built by a helper of this file; the language comes from what its
// callers pass.
async function translate(text: string, language: string) {
  const res = await openai.chat.completions.create({
    model: "gpt-4o-mini",
    messages: [
      { role: "system", content: `Translate the user's text into ${language}. Output only the translation.` }, // expect: ai/prompt-injection
      { role: "user", content: text },
    ],
  });
  return res.choices[0].message.content;
}

// Only ever called with the server's own constant.
async function summarize(text: string, tone: string) {
  const res = await openai.chat.completions.create({
    model: "gpt-4o-mini",
    messages: [
      { role: "system", content: `Summarize in a ${tone} tone.` }, // ok: ai/prompt-injection
      { role: "user", content: text },
    ],
  });
  return res.choices[0].message.content;
}

export async function POST(req: Request) {
  const { text, language } = await req.json();
  const translated = await translate(text, language);
  const summary = await summarize(text, "neutral");
  return NextResponse.json({ translated, summary });
}
