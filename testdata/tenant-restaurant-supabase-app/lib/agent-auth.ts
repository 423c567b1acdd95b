import "server-only";
import { admin } from "@/lib/admin";

// The kitchen display calls with the deployment's agent secret; a signed-in browser
// must be staff of the restaurant it asks about.
export async function authenticateAgentRequest(request: Request, restaurantId: string) {
  const secret = request.headers.get("authorization");
  if (secret === `Bearer ${process.env.AGENT_SECRET}`) return { ok: true };
  const jwt = request.headers.get("x-user-token") ?? "";
  const { data: { user } } = await admin.auth.getUser(jwt);
  if (!user) return { ok: false };
  const { data: staff } = await admin
    .from("restaurant_staff")
    .select("user_id")
    .eq("user_id", user.id)
    .eq("restaurant_id", restaurantId)
    .maybeSingle();
  return { ok: !!staff };
}

// Whoever holds a valid session, whatever restaurant they ask about.
export async function authenticateUser(request: Request) {
  const jwt = request.headers.get("x-user-token") ?? "";
  const { data: { user } } = await admin.auth.getUser(jwt);
  return { ok: !!user };
}
