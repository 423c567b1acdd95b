"use client";

import { useState } from "react";
import Anthropic from "@anthropic-ai/sdk";

const anthropic = new Anthropic({
  apiKey: process.env["NEXT_PUBLIC_ANTHROPIC_API_KEY"], // expect: secrets/client-exposed-secret
  dangerouslyAllowBrowser: true,
});

export function SummaryButton({ boardTitle, taskTitles }: { boardTitle: string; taskTitles: string[] }) {
  const [summary, setSummary] = useState<string | null>(null);

  async function summarise() {
    const message = await anthropic.messages.create({
      model: "claude-3-5-haiku-latest",
      max_tokens: 300,
      system: "Summarise the board's progress in two sentences.",
      messages: [{ role: "user", content: `${boardTitle}:\n${taskTitles.join("\n")}` }],
    });
    const first = message.content[0];
    setSummary(first?.type === "text" ? first.text : null);
  }

  return (
    <div className="space-y-2">
      <button onClick={summarise} className="text-sm underline">
        Summarise board
      </button>
      {summary && <p className="text-sm text-muted-foreground">{summary}</p>}
    </div>
  );
}
