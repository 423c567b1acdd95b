// The wrapper every function hands its work to: it checks the caller's token, or,
// for `internalOnly` jobs, that the caller holds the deployment's cron token.
import { createClient } from "npm:@supabase/supabase-js@2";

export interface HandlerOptions {
  internalOnly?: boolean;
}

export async function handleRequest(
  req: Request,
  handler: (ctx: { serviceClient: ReturnType<typeof createClient>; userId: string }) => Promise<unknown>,
  options: HandlerOptions = {},
): Promise<Response> {
  const serviceClient = createClient(
    Deno.env.get("SUPABASE_URL")!,
    Deno.env.get("SUPABASE_SERVICE_ROLE_KEY")!,
  );
  const token = (req.headers.get("Authorization") ?? "").replace("Bearer ", "");
  let userId = "";
  if (options.internalOnly) {
    if (token !== Deno.env.get("CRON_AUTH_TOKEN")) {
      return new Response("forbidden", { status: 403 });
    }
  } else {
    const { data: { user } } = await serviceClient.auth.getUser(token);
    if (!user) return new Response("unauthorized", { status: 401 });
    userId = user.id;
  }
  return Response.json(await handler({ serviceClient, userId }));
}
