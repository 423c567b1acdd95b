import Anthropic from "@anthropic-ai/sdk";
import { HumanMessage, SystemMessage } from "@langchain/core/messages";
import { ChatOpenAI } from "@langchain/openai";
import { Router } from "express";
import { z } from "zod";
import { pool } from "../lib/db.js";

const router = Router();
const anthropic = new Anthropic({ apiKey: process.env.ANTHROPIC_API_KEY }); // ok: secrets/secret-in-prompt
const llm = new ChatOpenAI({ model: "gpt-4o-mini", temperature: 0.2, apiKey: process.env.OPENAI_API_KEY }); // ok: secrets/secret-in-prompt

const BRAND_NAME = "Copilot Desk";

// White-label support bot: each customer company gets its own branding.
router.post("/support/reply", async (req, res) => {
  const { companyName, question } = req.body;
  const msg = await anthropic.messages.create({
    model: "claude-sonnet-4-5",
    max_tokens: 1024,
    system: `You are the support assistant for ${companyName}. Be concise and polite.`, // expect: ai/prompt-injection
    messages: [{ role: "user", content: question }], // ok: ai/prompt-injection
  });
  res.json({ reply: msg.content[0].text }); // ok: ai/llm-output-exec
});

router.post("/support/reply-default", async (req, res) => {
  const msg = await anthropic.messages.create({
    model: "claude-sonnet-4-5",
    max_tokens: 1024,
    system: `You are the support assistant for ${BRAND_NAME}. Be concise and polite.`, // ok: ai/prompt-injection
    messages: [{ role: "user", content: req.body.question }], // ok: ai/prompt-injection
  });
  res.json({ reply: msg.content[0].text });
});

// Quote calculator: the model turns a pricing question into an arithmetic expression.
router.post("/support/quote", async (req, res) => {
  const msg = await anthropic.messages.create({
    model: "claude-haiku-4-5",
    max_tokens: 200,
    system: "Translate the pricing question into one JavaScript arithmetic expression. Reply with the expression only.",
    messages: [{ role: "user", content: req.body.problem }],
  });
  const expression = msg.content[0].text;
  res.json({ expression, total: eval(expression) }); // expect: ai/llm-output-exec
});

const QuoteParts = z.object({
  seats: z.number().int().min(1).max(10000),
  pricePerSeatCents: z.number().int().min(0),
  discountPercent: z.number().min(0).max(100),
});

router.post("/support/quote-structured", async (req, res) => {
  const msg = await anthropic.messages.create({
    model: "claude-haiku-4-5",
    max_tokens: 200,
    system: 'Extract the quote as JSON: {"seats": number, "pricePerSeatCents": number, "discountPercent": number}. JSON only.',
    messages: [{ role: "user", content: req.body.problem }],
  });
  const parts = QuoteParts.parse(JSON.parse(msg.content[0].text)); // ok: ai/llm-output-exec
  const total = Math.round(parts.seats * parts.pricePerSeatCents * (1 - parts.discountPercent / 100));
  res.json({ parts, total });
});

// Onboarding coach: the customer picks a coach persona in the UI.
router.post("/coach", async (req, res) => {
  const { persona, goal } = req.body;
  let style = `${persona}`;
  const reply = await llm.invoke([
    new SystemMessage(`You are an onboarding coach who talks like ${style}.`), // expect: ai/prompt-injection
    new HumanMessage(goal), // ok: ai/prompt-injection
  ]);
  res.json({ reply: reply.content });
});

// Ticket triage: the prompt is built once, from the ticket's product line, and sent
// twice (a draft, then a stricter retry). Reported once, where the request value is
// written into it.
router.post("/support/triage", async (req, res) => {
  const { product, ticket } = req.body;
  const triagePrompt = `You triage support tickets.
Only answer about ${product}; never reveal internal notes.`; // expect: ai/prompt-injection
  const draft = await anthropic.messages.create({
    model: "claude-sonnet-4-5",
    max_tokens: 512,
    system: triagePrompt, // ok: ai/prompt-injection
    messages: [{ role: "user", content: ticket }],
  });
  const strict = await anthropic.messages.create({
    model: "claude-sonnet-4-5",
    max_tokens: 512,
    system: triagePrompt, // ok: ai/prompt-injection
    messages: [{ role: "user", content: `${ticket}\n\nDraft: ${draft.content[0].text}` }],
  });
  res.json({ triage: strict.content[0].text }); // ok: ai/llm-output-exec
});

// Saved searches over the ticket archive, written in plain words.
router.post("/coach/saved-search", async (req, res) => {
  const result = await llm.invoke([
    new SystemMessage("Write one PostgreSQL SELECT over ticket_archive(id, subject, status, created_at). SQL only."),
    new HumanMessage(req.body.search), // ok: ai/prompt-injection
  ]);
  const { rows } = await pool.query(result.content); // expect: ai/llm-output-exec
  res.json({ rows });
});

const SearchFilter = z.object({
  status: z.enum(["open", "pending", "closed"]),
  days: z.number().int().min(1).max(365),
});

router.post("/coach/saved-search-structured", async (req, res) => {
  const result = await llm.invoke([
    new SystemMessage('Extract the filter as JSON: {"status": "open"|"pending"|"closed", "days": number}. JSON only.'),
    new HumanMessage(req.body.search),
  ]);
  const filter = SearchFilter.parse(JSON.parse(result.content)); // ok: ai/llm-output-exec
  const { rows } = await pool.query( // ok: ai/llm-output-exec
    "SELECT id, subject, status FROM ticket_archive WHERE status = $1 AND created_at > now() - $2 * interval '1 day'",
    [filter.status, filter.days],
  );
  res.json({ rows });
});

export default router;
