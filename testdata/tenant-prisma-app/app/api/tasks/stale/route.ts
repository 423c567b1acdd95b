import { NextResponse } from "next/server";
import { staleTasks } from "@/lib/jobs/archive";

// Any signed-in user (or anyone) gets every organization's stale tasks.
export async function GET() {
  return NextResponse.json(await staleTasks());
}
