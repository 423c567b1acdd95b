// Vercel serverless function: runs on the server, not in the Vite bundle.
import OpenAI from "openai";
import { createClient } from "@supabase/supabase-js";

const openai = new OpenAI({ apiKey: process.env.OPENAI_API_KEY }); // ok: secrets/client-exposed-secret
const supabase = createClient(process.env.SUPABASE_URL!, process.env.SUPABASE_SERVICE_ROLE_KEY!); // ok: secrets/client-exposed-secret

export async function POST(request: Request): Promise<Response> {
  const token = request.headers.get("authorization")?.replace("Bearer ", "");
  const {
    data: { user },
  } = await supabase.auth.getUser(token);
  if (!user) return Response.json({ error: "Unauthorized" }, { status: 401 });

  const { question } = await request.json();
  const completion = await openai.chat.completions.create({
    model: "gpt-4o-mini",
    messages: [
      { role: "system", content: "You are PantryPal, a friendly cooking assistant." },
      { role: "user", content: String(question).slice(0, 2000) },
    ],
  });
  return Response.json({ answer: completion.choices[0]?.message.content ?? "" });
}
