import OpenAI from "openai";

// Browser extension popup: rewrites or summarizes the selected text on the page.
// Users paste their own OpenAI key on the options page; it is kept in chrome.storage.

async function getClient() {
  const { apiKey } = await chrome.storage.local.get("apiKey");
  return new OpenAI({ apiKey, dangerouslyAllowBrowser: true }); // ok: secrets/secret-in-prompt
}

async function readSelection() {
  const [tab] = await chrome.tabs.query({ active: true, currentWindow: true });
  const [{ result }] = await chrome.scripting.executeScript({
    target: { tabId: tab.id },
    func: () => window.getSelection()?.toString() ?? "",
  });
  return result;
}

async function rewriteSelection() {
  const client = await getClient();
  const selection = await readSelection();
  const completion = await client.chat.completions.create({
    model: "gpt-4o-mini",
    messages: [
      { role: "system", content: "Rewrite the text in a friendly, clear tone. Format the answer as HTML paragraphs." },
      { role: "user", content: selection }, // ok: ai/prompt-injection
    ],
  });
  const reply = completion.choices[0].message.content;
  document.getElementById("result").innerHTML = reply; // expect: ai/llm-output-exec
}

async function summarizeSelection() {
  const client = await getClient();
  const selection = await readSelection();
  const completion = await client.chat.completions.create({
    model: "gpt-4o-mini",
    messages: [
      { role: "system", content: "Summarize the text in two sentences." },
      { role: "user", content: selection },
    ],
  });
  const summary = completion.choices[0].message.content;
  document.getElementById("result").textContent = summary; // ok: ai/llm-output-exec
  const item = document.createElement("li");
  item.innerText = summary; // ok: ai/llm-output-exec
  document.getElementById("history").append(item);
}

document.getElementById("rewrite").addEventListener("click", () => rewriteSelection());
document.getElementById("summarize").addEventListener("click", () => summarizeSelection());
