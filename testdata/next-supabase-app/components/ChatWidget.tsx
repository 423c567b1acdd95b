"use client";

import { useState } from "react";
import OpenAI from "openai";

const openai = new OpenAI({
  apiKey: process.env.NEXT_PUBLIC_OPENAI_API_KEY, // expect: secrets/client-exposed-secret
  dangerouslyAllowBrowser: true,
});

type Message = { role: "user" | "assistant"; content: string };

export function ChatWidget() {
  const [messages, setMessages] = useState<Message[]>([]);
  const [input, setInput] = useState("");

  async function send() {
    const next: Message[] = [...messages, { role: "user", content: input }];
    setMessages(next);
    setInput("");
    const completion = await openai.chat.completions.create({
      model: "gpt-4o-mini",
      messages: [{ role: "system", content: "You help users organise their TaskNest boards." }, ...next],
    });
    setMessages([...next, { role: "assistant", content: completion.choices[0]?.message.content ?? "" }]);
  }

  return (
    <div className="flex h-96 flex-col rounded-lg border">
      <div className="flex-1 space-y-2 overflow-y-auto p-3">
        {messages.map((m, i) => (
          <p key={i} className={m.role === "user" ? "text-right" : "text-left"}>
            {m.content}
          </p>
        ))}
      </div>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void send();
        }}
        className="flex gap-2 border-t p-2"
      >
        <input value={input} onChange={(e) => setInput(e.target.value)} className="flex-1 rounded border px-2" />
        <button type="submit">Send</button>
      </form>
    </div>
  );
}
