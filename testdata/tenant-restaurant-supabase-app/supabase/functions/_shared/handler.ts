// The wrapper every staff function goes through: it signs the caller in, resolves their
// restaurant, parses the body and hands all of it to the function's own code.
import { createClient } from "npm:@supabase/supabase-js@2";

export interface Ctx {
  serviceClient: ReturnType<typeof createClient>;
  userId: string;
  restaurantId: string;
  body: Record<string, any>;
}

export async function handleRequest(req: Request, handler: (ctx: Ctx) => Promise<unknown>) {
  const serviceClient = createClient(
    Deno.env.get("SUPABASE_URL")!,
    Deno.env.get("SUPABASE_SERVICE_ROLE_KEY")!,
  );
  const token = (req.headers.get("Authorization") ?? "").replace("Bearer ", "");
  const { data: { user } } = await serviceClient.auth.getUser(token);
  if (!user) return new Response("unauthorized", { status: 401 });
  const { data: staff } = await serviceClient
    .from("restaurant_staff")
    .select("restaurant_id")
    .eq("user_id", user.id)
    .single();
  if (!staff) return new Response("forbidden", { status: 403 });
  const body = req.method === "POST" ? await req.json() : {};
  const result = await handler({ serviceClient, userId: user.id, restaurantId: staff.restaurant_id, body });
  return new Response(JSON.stringify(result), { headers: { "Content-Type": "application/json" } });
}
