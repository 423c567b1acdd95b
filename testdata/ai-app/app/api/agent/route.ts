import { openai } from "@ai-sdk/openai";
import { convertToModelMessages, stepCountIs, streamText, tool, type UIMessage } from "ai";
import { getServerSession } from "next-auth";
import { z } from "zod";
import { authOptions } from "@/lib/auth";
import { getOrder, listInvoices, payoutToSeller, transferCredits } from "@/lib/billing";
import { supportTools } from "@/lib/ai/tools";

export const maxDuration = 60;

const SUPPORT_PROMPT =
  "You are the Copilot Desk support agent. Use the tools to answer questions about orders, invoices and seller balances.";

// Marketplace support agent: signed-in buyers and sellers chat with it from the dashboard.
export async function POST(req: Request) {
  const session = await getServerSession(authOptions);
  if (!session) return new Response("Unauthorized", { status: 401 });
  const { messages }: { messages: UIMessage[] } = await req.json();

  const result = streamText({
    model: openai("gpt-4o"),
    system: `${SUPPORT_PROMPT} Today is ${new Date().toDateString()}.`, // ok: ai/prompt-injection
    messages: convertToModelMessages(messages), // ok: ai/prompt-injection
    stopWhen: stepCountIs(5),
    tools: {
      ...supportTools,
      getOrderStatus: tool({ // ok: ai/unrestricted-tool
        description: "Get the status of one of the signed-in user's orders",
        inputSchema: z.object({ orderId: z.string() }),
        execute: async ({ orderId }) => getOrder(session.user.id, orderId),
      }),
      listInvoices: tool({ // ok: ai/unrestricted-tool
        description: "List the signed-in user's invoices",
        inputSchema: z.object({ limit: z.number().int().max(50).default(10) }),
        execute: async ({ limit }) => listInvoices(session.user.id, limit),
      }),
      payoutSeller: tool({ // expect: ai/unrestricted-tool
        description: "Send a seller's pending balance to their bank account",
        inputSchema: z.object({ sellerId: z.string(), amountCents: z.number().int() }),
        execute: async ({ sellerId, amountCents }) => payoutToSeller(sellerId, amountCents),
      }),
      transferCredits: tool({ // expect: ai/unrestricted-tool
        description: "Move store credit from one account to another",
        inputSchema: z.object({ fromUserId: z.string(), toUserId: z.string(), credits: z.number().int() }),
        execute: async ({ fromUserId, toUserId, credits }) => transferCredits(fromUserId, toUserId, credits),
      }),
    },
  });

  return result.toUIMessageStreamResponse();
}
