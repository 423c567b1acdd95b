import { admin } from "@/lib/admin";
import { openTicket } from "@/lib/kitchen/tickets";

export async function POST(req: Request) {
  const token = req.headers.get("authorization")?.replace("Bearer ", "") ?? "";
  const { data: auth } = await admin.auth.getUser(token);
  if (!auth.user) return new Response("unauthorized", { status: 401 });
  const { data: member } = await admin
    .from("restaurant_staff")
    .select("restaurant_id")
    .eq("user_id", auth.user.id)
    .single();
  if (!member) return new Response("forbidden", { status: 403 });
  const { ticket } = await req.json();
  return Response.json(await openTicket(member.restaurant_id, String(ticket), auth.user.id));
}
