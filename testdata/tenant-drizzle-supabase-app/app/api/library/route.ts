import { NextResponse } from "next/server";
import { getViewer, pendingInvites, renameDocument } from "@/lib/data";
import { getProjectById, searchAllProjects } from "@/lib/sql";

// The library page: the helpers of lib/ serve it (their findings are reported there).
export async function GET(request: Request) {
  const viewer = await getViewer();
  if (!viewer) return NextResponse.json({ error: "Unauthorized" }, { status: 401 });
  const projectId = new URL(request.url).searchParams.get("project");
  const project = projectId ? await getProjectById(projectId) : null;
  const projects = await searchAllProjects();
  const invites = await pendingInvites(viewer);
  return NextResponse.json({ project, projects, invites });
}

export async function PATCH(request: Request) {
  const viewer = await getViewer();
  if (!viewer) return NextResponse.json({ error: "Unauthorized" }, { status: 401 });
  const { id, title } = await request.json();
  return NextResponse.json(await renameDocument(viewer, id, title));
}
