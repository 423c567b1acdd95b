import OpenAI from "openai";

// Classifies free-text delivery notes ("leave at back door") into structured instructions.
const openai = new OpenAI({ apiKey: "sk-fiMpkW53Uh5TDVmlWQL6rcue3UCdqq2qiGMttC5p9JDcGOEp" }); // expect: secrets/hardcoded-credential

const INSTRUCTION_TYPES = ["leave_at_door", "neighbour", "locker", "call_on_arrival", "other"];

export async function classifyDeliveryNote(note) {
  const completion = await openai.chat.completions.create({
    model: "gpt-4o-mini",
    response_format: { type: "json_object" },
    messages: [
      { role: "system", content: `Classify the note into one of: ${INSTRUCTION_TYPES.join(", ")}. Reply as {"type": "..."}.` },
      { role: "user", content: note },
    ],
  });
  const { type } = JSON.parse(completion.choices[0]?.message.content ?? "{}");
  return INSTRUCTION_TYPES.includes(type) ? type : "other";
}
