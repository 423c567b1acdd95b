import { NextResponse } from "next/server";
import { validateRequest } from "@/lib/validation";
import { fulfilOrder } from "@/lib/orders";

// validateRequest here checks the body's shape, not who sent it: anyone can post an
// order event.
export async function POST(request: Request) { // expect: payments/webhook-unverified
  const event = await request.json();
  const order = validateRequest(event, ["id", "status"]);
  if (order.status === "paid") {
    await fulfilOrder(order.id);
  }
  return NextResponse.json({ received: true });
}
