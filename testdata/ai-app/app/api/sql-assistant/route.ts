import { openai } from "@ai-sdk/openai";
import { PrismaClient } from "@prisma/client";
import { generateObject, generateText } from "ai";
import { Pool } from "pg";
import { z } from "zod";

const pool = new Pool({ connectionString: process.env.DATABASE_URL });
const prisma = new PrismaClient();

const SCHEMA_HINT =
  "Table sales_daily(day date, region text, channel text, product text, revenue_cents bigint, orders int).";

const SERIES_SQL = `
  SELECT day, sum(CASE WHEN $1 = 'orders' THEN orders ELSE revenue_cents END) AS value
  FROM sales_daily
  WHERE ($2::text IS NULL OR region = $2) AND day > now() - $3 * interval '1 day'
  GROUP BY day ORDER BY day`;

const TOP_PRODUCTS_SQL = `
  SELECT product, sum(revenue_cents) AS revenue_cents
  FROM sales_daily WHERE region = $1
  GROUP BY product ORDER BY 2 DESC LIMIT $2`;

const ChartQuery = z.object({
  metric: z.enum(["revenue_cents", "orders"]),
  region: z.string().max(40).nullable(),
  days: z.number().int().min(1).max(365),
});

const TopProductsFilter = z.object({
  region: z.string().max(40),
  limit: z.number().int().min(1).max(50),
});

// "Ask your data": the natural-language box on the analytics dashboard.
export async function POST(req: Request) {
  const { question, mode } = await req.json();
  switch (mode) {
    case "table":
      return Response.json(await tableAnswer(question));
    case "raw":
      return Response.json(await rawAnswer(question));
    case "chart":
      return Response.json(await chartSeries(question));
    case "top":
      return Response.json(await topProducts(question));
    default:
      return Response.json(await relatedArticles(question));
  }
}

async function tableAnswer(question: string) {
  const { text } = await generateText({
    model: openai("gpt-4o"),
    system: `Write one PostgreSQL SELECT statement. ${SCHEMA_HINT} Reply with SQL only.`, // ok: ai/prompt-injection
    prompt: question, // ok: ai/prompt-injection
  });
  const { rows } = await pool.query(text); // expect: ai/llm-output-exec
  return { sql: text, rows };
}

async function rawAnswer(question: string) {
  const result = await generateText({
    model: openai("gpt-4o"),
    system: `Write one PostgreSQL query. ${SCHEMA_HINT} Reply with SQL only, no code fences.`,
    prompt: question,
  });
  const sql = result.text;
  return prisma.$queryRawUnsafe(sql); // expect: ai/llm-output-exec
}

async function chartSeries(question: string) {
  const { object } = await generateObject({
    model: openai("gpt-4o-mini"),
    schema: ChartQuery,
    prompt: `Pick the metric, region and time window for this chart request: ${question}`, // ok: ai/prompt-injection
  });
  const { rows } = await pool.query(SERIES_SQL, [object.metric, object.region, object.days]); // ok: ai/llm-output-exec
  return rows;
}

async function topProducts(question: string) {
  const { text } = await generateText({
    model: openai("gpt-4o-mini"),
    system: 'Extract the filters as JSON: {"region": string, "limit": number}. Reply with JSON only.',
    prompt: question,
  });
  const filter = TopProductsFilter.parse(JSON.parse(text)); // ok: ai/llm-output-exec
  const { rows } = await pool.query(TOP_PRODUCTS_SQL, [filter.region, filter.limit]); // ok: ai/llm-output-exec
  return rows;
}

async function relatedArticles(question: string) {
  const { text: phrase } = await generateText({
    model: openai("gpt-4o-mini"),
    system: "Turn the question into a short full-text search phrase. Reply with the phrase only.",
    prompt: question,
  });
  await pool.query("INSERT INTO assistant_replies (question, answer) VALUES ($1, $2)", [question, phrase]); // ok: ai/llm-output-exec
  return prisma.$queryRaw`SELECT id, title FROM kb_articles WHERE search @@ plainto_tsquery(${phrase}) LIMIT 5`; // ok: ai/llm-output-exec
}
