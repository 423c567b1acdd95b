import { openai } from "@ai-sdk/openai";
import { generateText } from "ai";
import ReactMarkdown from "react-markdown";
import { getReport } from "@/lib/reports";

// Weekly report page: the model writes the executive summary on each render.
export default async function ReportPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const report = await getReport(id);
  const { text } = await generateText({
    model: openai("gpt-4o"),
    system: "You write weekly business report summaries as HTML using <h2>, <p> and <ul> tags.",
    prompt: JSON.stringify(report.metrics),
  });

  const summary = <section className="prose" dangerouslySetInnerHTML={{ __html: text }} />; // expect: ai/llm-output-exec
  return (
    <main className="mx-auto max-w-3xl p-8">
      <h1 className="text-2xl font-semibold">{report.title}</h1>
      {summary}
    </main>
  );
}

export async function ReportEmailPreview({ reportId }: { reportId: string }) {
  const report = await getReport(reportId);
  const result = await generateText({
    model: openai("gpt-4o-mini"),
    system: "Write the body of a short HTML email announcing this report to the team.",
    prompt: `${report.title}: ${JSON.stringify(report.metrics)}`,
  });
  const html = result.text;
  return ( // expect-next-line: ai/llm-output-exec
    <div className="rounded border p-4" dangerouslySetInnerHTML={{ __html: html }} />
  );
}

export async function ReportHighlights({ reportId }: { reportId: string }) {
  const report = await getReport(reportId);
  const { text } = await generateText({
    model: openai("gpt-4o-mini"),
    system: "List the three most important changes in this report as short markdown bullet points.",
    prompt: JSON.stringify(report.metrics),
  });

  const lead = <p className="lead">{text}</p>; // ok: ai/llm-output-exec
  const bullets = <ReactMarkdown>{text}</ReactMarkdown>; // ok: ai/llm-output-exec
  return ( // ok-next-line: ai/llm-output-exec
    <aside title={text}>
      {lead}
      {bullets}
    </aside>
  );
}
