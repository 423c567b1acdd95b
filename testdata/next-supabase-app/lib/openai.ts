import OpenAI from "openai";

export const openai = new OpenAI({
  apiKey: "sk-proj-SmjRQmhCOsY6DfQ6J44bTuVbpmPz_9P0Bs-ncEt1DEkMyq35YqvwGsw-NaNIBhaJ_lO-0l6ZgCG16c93L30VMND2REU7fC8U6GQ5nRa3YClHB3dq5w_4lqSpealwHk8CyZ_W7PSWaE-dFv_2XDSjAqaL4QXS", // expect: secrets/hardcoded-credential
  maxRetries: 2,
});

export const CHAT_MODEL = "gpt-4o-mini";
export const EMBEDDING_MODEL = "text-embedding-3-small";
