import type { SupabaseClient } from "@supabase/supabase-js";
import type { Viewer } from "@/lib/data";

// Loads the project's organization and answers whether the viewer belongs to it.
export async function verifyProjectAccess(supabase: SupabaseClient, viewer: Viewer, projectId: string) {
  const { data: project } = await supabase.from("projects").select("org_id").eq("id", projectId).maybeSingle(); // ok: tenant/missing-org-filter
  if (!project) return { ok: false as const, status: 404 };
  if (project.org_id !== viewer.orgId) return { ok: false as const, status: 404 };
  return { ok: true as const, orgId: project.org_id };
}

// Throws unless the viewer belongs to the organization.
export async function assertOrgAccess(supabase: SupabaseClient, userId: string, orgId: string) {
  const { data: member } = await supabase.from("memberships").select("id").eq("user_id", userId).eq("org_id", orgId).maybeSingle();
  if (!member) throw new Error("Forbidden");
}
