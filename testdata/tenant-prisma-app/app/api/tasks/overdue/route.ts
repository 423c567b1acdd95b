import { NextResponse } from "next/server";
import { taskHistory } from "@/lib/task-history";

export async function GET() {
  return NextResponse.json(await taskHistory.overdueTasks());
}
