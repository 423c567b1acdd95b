"use client";
import { useState } from "react";
import DOMPurify from "dompurify";

type Message = { role: "user" | "assistant"; content: string };

// Bold and line breaks, by hand: tags added, nothing escaped.
const formatMessage = (text: string) =>
  text.replace(/\*\*(.*?)\*\*/g, "<strong>$1</strong>").replace(/\n/g, "<br/>");

// The help-desk chat: the replies come from /api/chat, which asks the model.
export function AssistantChat() {
  const [messages, setMessages] = useState<Message[]>([]);
  const [draft, setDraft] = useState("");

  async function send() {
    setMessages((prev) => [...prev, { role: "user", content: draft }]);
    const res = await fetch("/api/chat", { method: "POST", body: JSON.stringify({ question: draft }) });
    const data = await res.json();
    const reply: Message = { role: "assistant", content: data.reply };
    setMessages((prev) => [...prev, reply]);
  }

  return (
    <div>
      {messages.map((m, i) => (
        <div key={i} dangerouslySetInnerHTML={{ __html: formatMessage(m.content) }} /> // expect: ai/llm-output-exec
      ))}
      {messages.map((m, i) => (
        <div key={`s${i}`} dangerouslySetInnerHTML={{ __html: DOMPurify.sanitize(formatMessage(m.content)) }} /> // ok: ai/llm-output-exec
      ))}
      {messages.map((m, i) => (
        <p key={`t${i}`}>{m.content}</p>
      ))}
      <input value={draft} onChange={(e) => setDraft(e.target.value)} />
      <div dangerouslySetInnerHTML={{ __html: formatMessage(draft) }} /> {/* ok: ai/llm-output-exec */}
      <button onClick={send}>Send</button>
    </div>
  );
}
