import { Webhooks } from "@octokit/webhooks";
import { syncInstallation } from "@/lib/github";

const webhooks = new Webhooks({ secret: process.env.GITHUB_WEBHOOK_SECRET! });

export async function POST(req: Request) { // ok: payments/webhook-unverified
  const body = await req.text();
  const signature = req.headers.get("x-hub-signature-256") ?? "";
  if (!(await webhooks.verify(body, signature))) {
    return new Response("bad signature", { status: 401 });
  }
  const event = req.headers.get("x-github-event");
  if (event === "installation") await syncInstallation(JSON.parse(body));
  return new Response("ok");
}
