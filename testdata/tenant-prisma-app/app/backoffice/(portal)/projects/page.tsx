import { prisma } from "@/lib/prisma";

// Under the back-office layout: platform staff list every organization's projects.
export default async function AllProjectsPage() {
  const projects = await prisma.project.findMany({ take: 100 }); // ok: tenant/missing-org-filter
  return <ul>{projects.map((p) => <li key={p.id}>{p.name}</li>)}</ul>;
}
