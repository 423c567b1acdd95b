import { DynamicTool, tool } from "@langchain/core/tools";
import OpenAI from "openai";
import { z } from "zod";
import { assertAdmin } from "../middleware/roles.js";
import { closeAccount, payoutSeller, refundPayment, sendEmail } from "./billing.js";
import { askForConfirmation, requireApproval } from "./confirm.js";
import { runWarehouseSql } from "./warehouse.js";
import * as tools from "./tool-impl.js";
import { lookupOrder, searchHelpCenter } from "./tool-impl.js";

const openai = new OpenAI({ apiKey: process.env.OPENAI_API_KEY }); // ok: secrets/secret-in-prompt

// ---- OpenAI function calling --------------------------------------------------------

const customerTools = [
  {
    type: "function",
    function: {
      name: "lookup_order", // ok: ai/unrestricted-tool
      description: "Look up the status of an order by id",
      parameters: { type: "object", properties: { orderId: { type: "string" } }, required: ["orderId"] },
    },
  },
  {
    type: "function",
    function: {
      name: "search_help_center", // ok: ai/unrestricted-tool
      description: "Search help center articles",
      parameters: { type: "object", properties: { query: { type: "string" } }, required: ["query"] },
    },
  },
  {
    type: "function",
    function: {
      name: "refund_payment", // expect: ai/unrestricted-tool
      description: "Refund a customer's payment, fully or partly",
      parameters: {
        type: "object",
        properties: { paymentId: { type: "string" }, amountCents: { type: "integer" } },
        required: ["paymentId"],
      },
    },
  },
  {
    type: "function",
    function: {
      name: "delete_account", // expect: ai/unrestricted-tool
      description: "Close and delete a customer's account",
      parameters: { type: "object", properties: { accountId: { type: "string" } }, required: ["accountId"] },
    },
  },
];

// The chat widget's agent loop: the model picks tools, we run them and feed results back.
export async function runCustomerAgent(messages) {
  for (let step = 0; step < 5; step++) {
    const completion = await openai.chat.completions.create({ model: "gpt-4o", messages, tools: customerTools });
    const message = completion.choices[0].message;
    messages.push(message);
    if (!message.tool_calls?.length) return message.content;
    for (const call of message.tool_calls) {
      const args = JSON.parse(call.function.arguments);
      const result = await tools[call.function.name](args); // expect: ai/unrestricted-tool
      messages.push({ role: "tool", tool_call_id: call.id, content: JSON.stringify(result) });
    }
  }
  return "Sorry, I could not finish that request.";
}

const TOOL_HANDLERS = new Map([
  ["lookup_order", lookupOrder],
  ["search_help_center", searchHelpCenter],
]);

export async function runReadOnlyAgent(messages) {
  for (let step = 0; step < 5; step++) {
    const completion = await openai.chat.completions.create({ model: "gpt-4o", messages, tools: customerTools.slice(0, 2) });
    const message = completion.choices[0].message;
    messages.push(message);
    if (!message.tool_calls?.length) return message.content;
    for (const call of message.tool_calls) {
      if (!TOOL_HANDLERS.has(call.function.name)) throw new Error(`Unknown tool: ${call.function.name}`);
      const args = JSON.parse(call.function.arguments);
      const result = await TOOL_HANDLERS.get(call.function.name)(args); // ok: ai/unrestricted-tool
      messages.push({ role: "tool", tool_call_id: call.id, content: JSON.stringify(result) });
    }
  }
  return "Sorry, I could not finish that request.";
}

// Staff console: only admins reach the refund tool.
export async function runStaffAgent(user, messages) {
  assertAdmin(user);
  const completion = await openai.chat.completions.create({
    model: "gpt-4o",
    messages,
    tools: [
      {
        type: "function",
        function: {
          name: "refund_payment", // ok: ai/unrestricted-tool
          description: "Refund a customer's payment, fully or partly",
          parameters: {
            type: "object",
            properties: { paymentId: { type: "string" }, amountCents: { type: "integer" } },
            required: ["paymentId"],
          },
        },
      },
    ],
  });
  return completion.choices[0].message;
}

// ---- LangChain tools for the ops agent ------------------------------------------------

export const searchDocsTool = tool( // ok: ai/unrestricted-tool
  async ({ query }) => JSON.stringify(await searchHelpCenter({ query })),
  {
    name: "search_docs",
    description: "Search help center articles",
    schema: z.object({ query: z.string() }),
  },
);

export const orderStatusTool = new DynamicTool({ // ok: ai/unrestricted-tool
  name: "get_order_status",
  description: "Get an order's status. Input: the order id.",
  func: async (orderId) => JSON.stringify(await lookupOrder({ orderId })),
});

export const refundTool = tool( // expect: ai/unrestricted-tool
  async ({ paymentId, amountCents }) => JSON.stringify(await refundPayment(paymentId, amountCents)),
  {
    name: "refund_payment",
    description: "Refund a customer's payment",
    schema: z.object({ paymentId: z.string(), amountCents: z.number().int().optional() }),
  },
);

export const sendEmailTool = tool( // expect: ai/unrestricted-tool
  async ({ to, subject, body }) => {
    await sendEmail({ to, subject, text: body });
    return "sent";
  },
  {
    name: "send_email",
    description: "Send an email to a customer",
    schema: z.object({ to: z.string().email(), subject: z.string(), body: z.string() }),
  },
);

export const runSqlTool = new DynamicTool({ // expect: ai/unrestricted-tool
  name: "run_sql",
  description: "Run a SQL statement against the warehouse and return the rows as JSON",
  func: async (statement) => JSON.stringify(await runWarehouseSql(statement)),
});

export const confirmedEmailTool = tool( // ok: ai/unrestricted-tool
  async ({ to, subject, body }) => {
    const approved = await askForConfirmation(`Send "${subject}" to ${to}?`);
    if (!approved) return "The operator declined to send this email.";
    await sendEmail({ to, subject, text: body });
    return "sent";
  },
  {
    name: "send_email",
    description: "Send an email to a customer (an operator confirms each one)",
    schema: z.object({ to: z.string().email(), subject: z.string(), body: z.string() }),
  },
);

export function closeAccountTool(user) {
  return tool( // ok: ai/unrestricted-tool
    async ({ accountId }) => {
      if (user.role !== "admin") throw new Error("Only admins can close accounts");
      return JSON.stringify(await closeAccount(accountId));
    },
    {
      name: "delete_account",
      description: "Close and delete a customer's account",
      schema: z.object({ accountId: z.string() }),
    },
  );
}

export const approvedPayoutTool = new DynamicTool({ // ok: ai/unrestricted-tool
  name: "payout_seller",
  description: "Pay out a seller's balance. Input: the seller id. A finance lead approves each payout.",
  func: async (sellerId) => {
    await requireApproval({ action: "payout_seller", sellerId });
    return JSON.stringify(await payoutSeller(sellerId));
  },
});

// Not a model's choice: the ABI's own function list, picked in the UI.
export async function callContractFunction(contract, func, inputs) {
  return contract.functions[func.name](...inputs); // ok: ai/unrestricted-tool
}
