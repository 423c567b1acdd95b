import { prisma } from "@/lib/prisma";

// A customer's dashboard: no staff layout above it, and no tenant filter.
export default async function ProjectsPage() {
  const projects = await prisma.project.findMany({ take: 100 }); // expect: tenant/missing-org-filter
  return <ul>{projects.map((p) => <li key={p.id}>{p.name}</li>)}</ul>;
}
