import { exec, execFileSync, execSync } from "node:child_process";
import { Router } from "express";
import OpenAI from "openai";
import { z } from "zod";

const router = Router();
const openai = new OpenAI({ apiKey: process.env.OPENAI_API_KEY }); // ok: secrets/secret-in-prompt

// "Run a task" box on the internal ops dashboard.
router.post("/ops/run", async (req, res) => {
  const completion = await openai.chat.completions.create({
    model: "gpt-4o",
    messages: [
      { role: "system", content: "You are a Linux expert. Reply with exactly one shell command and nothing else." }, // ok: ai/prompt-injection
      { role: "user", content: req.body.task }, // ok: ai/prompt-injection
    ],
  });
  const command = completion.choices[0].message.content;
  exec(command, { timeout: 30_000 }, (err, stdout, stderr) => { // expect: ai/llm-output-exec
    res.json({ command, stdout, stderr, failed: Boolean(err) });
  });
});

router.post("/ops/cleanup", async (req, res) => {
  const completion = await openai.chat.completions.create({
    model: "gpt-4o-mini",
    messages: [
      { role: "system", content: "Write a bash one-liner that frees disk space under /var/app. Reply with the command only." },
      { role: "user", content: `Current disk usage:\n${req.body.du}` },
    ],
  });
  const script = `${completion.choices[0].message.content}`;
  const output = execSync(script, { encoding: "utf8" }); // expect: ai/llm-output-exec
  res.json({ script, output });
});

const LogRequest = z.object({
  service: z.enum(["api", "worker", "scheduler"]),
  lines: z.number().int().min(1).max(500),
});

router.post("/ops/logs", async (req, res) => {
  const completion = await openai.chat.completions.create({
    model: "gpt-4o-mini",
    response_format: { type: "json_object" },
    messages: [
      { role: "system", content: 'Which service logs does the user want? Reply as {"service": "api"|"worker"|"scheduler", "lines": number}.' },
      { role: "user", content: req.body.request },
    ],
  });
  const { service, lines } = LogRequest.parse(JSON.parse(completion.choices[0].message.content)); // ok: ai/llm-output-exec
  const output = execFileSync("journalctl", ["-u", `app-${service}`, "-n", String(lines), "--no-pager"], { encoding: "utf8" }); // ok: ai/llm-output-exec
  res.json({ service, output });
});

// The same question without the schema: `JSON.parse` checks nothing, and the model's
// `service` reaches the shell as it wrote it.
router.post("/ops/tail", async (req, res) => {
  const completion = await openai.chat.completions.create({
    model: "gpt-4o-mini",
    response_format: { type: "json_object" },
    messages: [
      { role: "system", content: 'Which service logs does the user want? Reply as {"service": "api"|"worker"|"scheduler"}.' },
      { role: "user", content: req.body.request },
    ],
  });
  const { service } = JSON.parse(completion.choices[0].message.content);
  const output = execSync(`journalctl -u app-${service} -n 100 --no-pager`, { encoding: "utf8" }); // expect: ai/llm-output-exec
  res.json({ service, output });
});

// Release notes written in each team's own style guide.
router.post("/ops/release-notes", async (req, res) => {
  const completion = await openai.chat.completions.create({
    model: "gpt-4o",
    messages: [
      { role: "system", content: "You write release notes. Follow this style guide: " + req.body.styleGuide }, // expect: ai/prompt-injection
      { role: "user", content: req.body.commits.join("\n") }, // ok: ai/prompt-injection
    ],
  });
  res.json({ notes: completion.choices[0].message.content }); // ok: ai/llm-output-exec
});

// Ask-the-DBA helper for the on-call engineer.
router.post("/ops/sql-help", async (req, res) => {
  const completion = await openai.chat.completions.create({
    model: "gpt-4o",
    messages: [
      { role: "system", content: "You are a PostgreSQL DBA. The production database is " + process.env.DATABASE_URL }, // expect: secrets/secret-in-prompt
      { role: "user", content: req.body.question },
    ],
  });
  res.json({ answer: completion.choices[0].message.content });
});

router.post("/ops/sql-help-v2", async (req, res) => {
  const completion = await openai.chat.completions.create({
    model: "gpt-4o",
    messages: [
      { role: "system", content: `You are a PostgreSQL DBA. Production runs PostgreSQL ${process.env.PG_MAJOR_VERSION ?? "16"}.` }, // ok: secrets/secret-in-prompt
      { role: "user", content: req.body.question },
    ],
  });
  res.json({ answer: completion.choices[0].message.content });
});

export default router;
