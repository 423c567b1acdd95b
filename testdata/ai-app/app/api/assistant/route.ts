import vm from "node:vm";
import OpenAI from "openai";
import { z } from "zod";

const client = new OpenAI({ apiKey: process.env.OPENAI_API_KEY }); // ok: secrets/secret-in-prompt

// Quick answers for the help center search box: /api/assistant?q=...&lang=...
export async function GET(req: Request) {
  const { searchParams } = new URL(req.url);
  const q = searchParams.get("q") ?? "";
  const lang = searchParams.get("lang") ?? "English";

  const response = await client.responses.create({
    model: "gpt-4.1-mini",
    instructions: `You answer questions about Copilot Desk. Always answer in ${lang}.`, // expect: ai/prompt-injection
    input: q, // ok: ai/prompt-injection
  });
  return Response.json({ answer: response.output_text }); // ok: ai/llm-output-exec
}

// Spreadsheet import: the model writes a small transform for each uploaded sheet.
export async function POST(req: Request) {
  const { header, sampleRows, rows } = await req.json();
  if (req.headers.get("x-transform-mode") === "mapping") {
    return Response.json(await mapColumns(header, rows));
  }

  const response = await client.responses.create({
    model: "gpt-4.1",
    instructions: "Write a JavaScript expression that turns `row` (an array of cells) into a contact object.", // ok: ai/prompt-injection
    input: `Header: ${header.join(", ")}\nSample rows: ${JSON.stringify(sampleRows)}`, // ok: ai/prompt-injection
  });
  const transform = response.output_text;
  const contacts: unknown[] = [];
  for (const row of rows as string[][]) {
    contacts.push(vm.runInNewContext(transform, { row })); // expect: ai/llm-output-exec
  }
  return Response.json({ contacts });
}

const ColumnMapping = z.object({
  name: z.number().int().min(0),
  email: z.number().int().min(0),
  company: z.number().int().min(0).nullable(),
});

async function mapColumns(header: string[], rows: string[][]) {
  const response = await client.responses.create({
    model: "gpt-4.1-mini",
    instructions: 'Map the sheet columns to contact fields. Reply with JSON: {"name": index, "email": index, "company": index or null}.',
    input: `Header: ${header.join(", ")}`,
  });
  const mapping = ColumnMapping.parse(JSON.parse(response.output_text)); // ok: ai/llm-output-exec
  return rows.map((row) => ({
    name: row[mapping.name],
    email: row[mapping.email],
    company: mapping.company === null ? null : row[mapping.company],
  }));
}
