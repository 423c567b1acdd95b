import OpenAI from "openai";

export const openai = new OpenAI({
  apiKey: import.meta.env.VITE_OPENAI_API_KEY, // expect: secrets/client-exposed-secret
  dangerouslyAllowBrowser: true,
});

export async function suggestShoppingList(pantry: string[]): Promise<string[]> {
  const completion = await openai.chat.completions.create({
    model: "gpt-4o-mini",
    response_format: { type: "json_object" },
    messages: [
      { role: "system", content: 'Return {"items": string[]} with groceries to buy for a week of dinners.' },
      { role: "user", content: `Already in the pantry: ${pantry.join(", ")}` },
    ],
  });
  const parsed = JSON.parse(completion.choices[0]?.message.content ?? "{}");
  return Array.isArray(parsed.items) ? parsed.items.filter((i: unknown) => typeof i === "string") : [];
}
