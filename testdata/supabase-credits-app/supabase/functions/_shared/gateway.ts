import { createClient, type SupabaseClient } from "npm:@supabase/supabase-js@2";

export interface GatewayOptions {
  requireAuth?: boolean;
  requireRole?: string;
}

type Handler = (body: any, ctx: { userId: string | null; client: SupabaseClient }) => Promise<unknown>;

// checks the caller's token unless a function opts out with { requireAuth: false }
async function authenticate(req: Request): Promise<string> {
  const client = createClient(Deno.env.get("SUPABASE_URL")!, Deno.env.get("SUPABASE_ANON_KEY")!);
  const token = req.headers.get("Authorization")?.replace("Bearer ", "") ?? "";
  const { data: { user }, error } = await client.auth.getUser(token);
  if (error || !user) throw new Response("unauthorized", { status: 401 });
  return user.id;
}

export function withGateway(handler: Handler, options: GatewayOptions = {}) {
  return async (req: Request) => {
    if (req.method === "OPTIONS") {
      return new Response(null, { status: 204 });
    }
    const userId = options.requireAuth === false ? null : await authenticate(req);
    const client = createClient(Deno.env.get("SUPABASE_URL")!, Deno.env.get("SUPABASE_SERVICE_ROLE_KEY")!);
    const result = await handler(await req.json(), { userId, client });
    return new Response(JSON.stringify(result));
  };
}

export const createServiceClient = () =>
  createClient(Deno.env.get("SUPABASE_URL")!, Deno.env.get("SUPABASE_SERVICE_ROLE_KEY")!);
