import "server-only";
import { pool } from "@/db";

export type ProjectOverviewRow = { id: string; name: string; status: string; org_name: string };
export type DocumentActivityRow = { id: string; title: string; comment_count: number };

export async function projectOverview(orgId: string) {
  // ok-next-line: tenant/missing-org-filter
  const { rows } = await pool.query<ProjectOverviewRow>(`
    SELECT p.id, p.name, p.status, o.name AS org_name
    FROM projects p
    JOIN organizations o ON o.id = p.org_id
    WHERE p.org_id = $1
    ORDER BY p.updated_at DESC
  `, [orgId]);
  return rows;
}

export async function documentActivity(workspaceId: string) {
  // ok-next-line: tenant/missing-org-filter
  const { rows } = await pool.query<DocumentActivityRow>(`
    SELECT d.id, d.title, count(c.id)::int AS comment_count
    FROM documents d
    LEFT JOIN comments c ON c.document_id = d.id
    WHERE d.workspace_id = $1
    GROUP BY d.id
    ORDER BY comment_count DESC
    LIMIT 10
  `, [workspaceId]);
  return rows;
}

// Used by the share-link page to render a read-only project card.
export async function getProjectById(id: string) {
  const { rows } = await pool.query(
    "SELECT id, name, description, status FROM projects WHERE id = $1", // expect: tenant/missing-org-filter
    [id],
  );
  return rows[0] ?? null;
}

export async function getProjectInOrg(id: string, orgId: string) {
  const { rows } = await pool.query(
    "SELECT id, name, description, status FROM projects WHERE id = $1 AND org_id = $2", // ok: tenant/missing-org-filter
    [id, orgId],
  );
  return rows[0] ?? null;
}

export async function archiveStaleProjects(orgId: string) {
  const { rowCount } = await pool.query(
    "update public.projects set status = 'archived' where org_id = $1 and updated_at < now() - interval '90 days'", // ok: tenant/missing-org-filter
    [orgId],
  );
  return rowCount ?? 0;
}

// Comments carry no tenant column; authors can delete their own.
export async function deleteOwnComment(commentId: string, userId: string) {
  await pool.query("DELETE FROM comments WHERE id = $1 AND author_id = $2", [commentId, userId]); // ok: tenant/missing-org-filter
}

// Project search: the WHERE clause is built from fragments, the first of them the org's.
export async function searchProjects(orgId: string, status?: string) {
  const where = ["p.org_id = $1"];
  const params: string[] = [orgId];
  if (status) {
    params.push(status);
    where.push(`p.status = $${params.length}`);
  }
  const { rows } = await pool.query(
    `SELECT p.id, p.name FROM projects p WHERE ${where.join(" AND ")} ORDER BY p.name`, // ok: tenant/missing-org-filter
    params,
  );
  return rows;
}

// The org's condition only when the caller passes one: without it, every org's projects.
export async function searchAllProjects(orgId?: string) {
  const where = ["p.status <> 'deleted'"];
  const params: string[] = [];
  if (orgId) {
    params.push(orgId);
    where.push("p.org_id = $1");
  }
  const { rows } = await pool.query(
    `SELECT p.id, p.name FROM projects p WHERE ${where.join(" AND ")}`, // expect: tenant/missing-org-filter
    params,
  );
  return rows;
}
