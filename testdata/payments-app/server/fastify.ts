import Fastify from "fastify";
import { Webhooks } from "@octokit/webhooks";
import { syncRepo, activateLicense } from "./jobs";

const fastify = Fastify();
const webhooks = new Webhooks({ secret: process.env.GITHUB_WEBHOOK_SECRET! });

fastify.post("/webhooks/github", async (request, reply) => { // expect: payments/webhook-unverified
  const event = request.headers["x-github-event"];
  if (event === "push") await syncRepo(request.body);
  return reply.send({ ok: true });
});

fastify.post("/webhooks/github-verified", async (request, reply) => { // ok: payments/webhook-unverified
  const signature = request.headers["x-hub-signature-256"] as string;
  const payload = request.rawBody as string;
  await webhooks.verifyAndReceive({ id: request.headers["x-github-delivery"] as string, name: "push", signature, payload });
  return reply.send({ ok: true });
});

fastify.route({ // expect: payments/webhook-unverified
  method: "POST",
  url: "/webhooks/lemonsqueezy",
  handler: async (request, reply) => {
    const payload = request.body as { meta: { event_name: string }; data: { attributes: { user_email: string } } };
    if (payload.meta.event_name === "order_created") await activateLicense(payload.data.attributes.user_email);
    return reply.send({ ok: true });
  },
});

fastify.route({ // ok: payments/webhook-unverified
  method: "POST",
  url: "/admin/webhooks",
  handler: async (request, reply) => reply.send(await listEndpoints(request.user)),
});

export default fastify;
