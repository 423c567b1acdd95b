// Bulk moderation of a restaurant's reviews from the kitchen display: the caller must be
// staff of the restaurant it names, and the review ids come from the browser.
import { NextResponse } from "next/server";
import { authenticateAgentRequest } from "@/lib/agent-auth";
import { deleteReviews, deleteReviewsUnscoped } from "@/lib/bulk-delete";

export async function POST(request: Request) {
  const body = await request.json();
  const auth = await authenticateAgentRequest(request, body.restaurantId);
  if (!auth.ok) return NextResponse.json({ error: "Forbidden" }, { status: 403 });
  const deleted = await deleteReviews(body.ids, body.restaurantId);
  return NextResponse.json({ deleted });
}

export async function DELETE(request: Request) {
  const body = await request.json();
  const auth = await authenticateAgentRequest(request, body.restaurantId);
  if (!auth.ok) return NextResponse.json({ error: "Forbidden" }, { status: 403 });
  await deleteReviewsUnscoped(body.ids);
  return NextResponse.json({ ok: true });
}
