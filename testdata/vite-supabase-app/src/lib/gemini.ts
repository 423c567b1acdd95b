import { GoogleGenerativeAI } from "@google/generative-ai";

const genAI = new GoogleGenerativeAI("AIzaSAOCjcQv2uCOxfcH0Lq-vFRCGxaHxZ7Cni6"); // expect: secrets/hardcoded-credential

export const visionModel = genAI.getGenerativeModel({ model: "gemini-1.5-flash" });

export async function describeFridgePhoto(base64Jpeg: string): Promise<string> {
  const result = await visionModel.generateContent([
    "List the food items visible in this photo, one per line.",
    { inlineData: { data: base64Jpeg, mimeType: "image/jpeg" } },
  ]);
  return result.response.text();
}
