import { GoogleGenAI } from "@google/genai";
import { z } from "zod";

const ai = new GoogleGenAI({ apiKey: process.env.GEMINI_API_KEY }); // ok: secrets/secret-in-prompt

// Explains a spreadsheet formula: /api/formula?formula=...&audience=...
export async function GET(req: Request) {
  const { searchParams } = new URL(req.url);
  const formula = searchParams.get("formula") ?? "";
  const audience = searchParams.get("audience") ?? "a beginner";

  const response = await ai.models.generateContent({
    model: "gemini-2.5-flash",
    contents: `Explain this formula: ${formula}`, // ok: ai/prompt-injection
    config: {
      systemInstruction: `You explain spreadsheet formulas step by step to ${audience}.`, // expect: ai/prompt-injection
    },
  });
  return Response.json({ explanation: response.text }); // ok: ai/llm-output-exec
}

// "Computed column": the user describes a column in words and the model writes the code.
export async function POST(req: Request) {
  const { description, columns, rows } = await req.json();
  if (req.headers.get("x-formula-mode") === "safe") {
    return Response.json(await computedColumnSafe(description, columns, rows));
  }

  const response = await ai.models.generateContent({
    model: "gemini-2.5-flash",
    contents: `Columns: ${columns.join(", ")}. Write the body of a JavaScript function of \`row\` that returns: ${description}`, // ok: ai/prompt-injection
    config: { systemInstruction: "Reply with JavaScript code only, no markdown." }, // ok: ai/prompt-injection
  });
  const body = response.text ?? "return null;";
  const compute = new Function("row", body); // expect: ai/llm-output-exec
  return Response.json({ values: rows.map((row: unknown[]) => compute(row)) });
}

const ColumnFormula = z.object({
  op: z.enum(["sum", "average", "ratio", "difference"]),
  columns: z.array(z.number().int().min(0)).min(1).max(2),
});

async function computedColumnSafe(description: string, columns: string[], rows: number[][]) {
  const response = await ai.models.generateContent({
    model: "gemini-2.5-flash",
    contents: `Columns: ${columns.join(", ")}. Describe as JSON {"op": "sum"|"average"|"ratio"|"difference", "columns": [index, ...]}: ${description}`,
    config: { responseMimeType: "application/json" },
  });
  const formula = ColumnFormula.parse(JSON.parse(response.text ?? "{}")); // ok: ai/llm-output-exec
  return { values: rows.map((row) => applyFormula(formula, row)) };
}

function applyFormula(formula: z.infer<typeof ColumnFormula>, row: number[]) {
  const [a, b = 0] = formula.columns.map((i) => row[i] ?? 0);
  switch (formula.op) {
    case "sum":
      return formula.columns.reduce((acc, i) => acc + (row[i] ?? 0), 0);
    case "average":
      return formula.columns.reduce((acc, i) => acc + (row[i] ?? 0), 0) / formula.columns.length;
    case "ratio":
      return b === 0 ? null : a / b;
    case "difference":
      return a - b;
  }
}
