import type { NextApiRequest, NextApiResponse } from "next";
import { getServerSession } from "next-auth";
import { authOptions } from "@/lib/auth";
import { prisma } from "@/lib/prisma";

// Pages Router endpoint behind the board's multi-select toolbar (kept from the first version of the app).
export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const session = await getServerSession(req, res, authOptions);
  if (!session?.user) {
    return res.status(401).json({ error: "Unauthorized" });
  }

  if (req.method === "GET") {
    const orgId = req.query.orgId as string;
    const tasks = await prisma.task.findMany({ // ok: tenant/missing-org-filter
      where: { orgId, projectId: req.query.projectId as string }, // expect: tenant/org-id-from-request
      orderBy: { createdAt: "asc" },
    });
    return res.status(200).json({ tasks });
  }

  if (req.method === "POST") {
    const { taskIds, status } = req.body as { taskIds: string[]; status: string };
    const result = await prisma.task.updateMany({ // ok: tenant/missing-org-filter
      where: { id: { in: taskIds }, orgId: req.body.orgId }, // expect: tenant/org-id-from-request
      data: { status },
    });
    return res.status(200).json({ updated: result.count });
  }

  if (req.method === "DELETE") {
    const { taskIds } = req.body as { taskIds: string[] };
    const result = await prisma.task.deleteMany({ // ok: tenant/missing-org-filter
      where: { id: { in: taskIds }, orgId: session.user.orgId }, // ok: tenant/org-id-from-request
    });
    return res.status(200).json({ deleted: result.count });
  }

  res.setHeader("Allow", "GET, POST, DELETE");
  return res.status(405).json({ error: "Method not allowed" });
}
