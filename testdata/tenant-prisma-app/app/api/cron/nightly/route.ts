import { NextResponse } from "next/server";
import { archiveStaleProjects } from "@/lib/jobs";
import { staleTasks } from "@/lib/jobs/archive";
import * as jobs from "@/lib/jobs/archive";

// The scheduler's nightly run: only a caller holding the deployment's cron secret.
export async function GET(request: Request) {
  const auth = request.headers.get("authorization");
  if (auth !== `Bearer ${process.env.CRON_SECRET}`) {
    return NextResponse.json({ error: "Unauthorized" }, { status: 401 });
  }
  await archiveStaleProjects(new Date(Date.now() - 90 * 86_400_000));
  await jobs.closeIdleProjects();
  const tasks = await staleTasks();
  return NextResponse.json({ stale: tasks.length });
}
