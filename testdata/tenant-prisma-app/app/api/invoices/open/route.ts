import { NextResponse } from "next/server";
import { listOpenInvoices } from "@/lib/invoice-service";

export async function GET() {
  return NextResponse.json(await listOpenInvoices());
}
