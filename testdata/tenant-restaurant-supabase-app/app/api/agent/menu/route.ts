import { admin } from "@/lib/admin";
import { authenticateAgentRequest, authenticateUser } from "@/lib/agent-auth";

// The authentication is handed the restaurant asked about, and turns away a caller
// who is not its staff.
export async function POST(request: Request) {
  const { restaurant_id } = await request.json();
  const auth = await authenticateAgentRequest(request, restaurant_id);
  if (!auth.ok) return new Response("forbidden", { status: 403 });
  const { data } = await admin
    .from("menu_items")
    .select("id, name")
    .eq("restaurant_id", restaurant_id); // ok: tenant/org-id-from-request
  return Response.json(data);
}

// Signed in is all this one asks: any restaurant's menu.
export async function PUT(request: Request) {
  const { restaurant_id } = await request.json();
  const auth = await authenticateUser(request);
  if (!auth.ok) return new Response("unauthorized", { status: 401 });
  const { data } = await admin
    .from("menu_items")
    .select("id, name")
    .eq("restaurant_id", restaurant_id); // expect: tenant/org-id-from-request
  return Response.json(data);
}
