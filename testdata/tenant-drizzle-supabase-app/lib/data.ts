import "server-only";
import { createServerClient } from "@supabase/ssr";
import { cookies } from "next/headers";

// Browser-session client (anon key + the user's cookies): every query below runs under RLS.
export function supabaseServer() {
  const cookieStore = cookies();
  return createServerClient(process.env.NEXT_PUBLIC_SUPABASE_URL!, process.env.NEXT_PUBLIC_SUPABASE_ANON_KEY!, {
    cookies: {
      getAll() {
        return cookieStore.getAll();
      },
      setAll(cookiesToSet) {
        try {
          cookiesToSet.forEach(({ name, value, options }) => cookieStore.set(name, value, options));
        } catch {
          // called from a Server Component: the middleware refreshes the session instead
        }
      },
    },
  });
}

// The signed-in user and the workspace they are working in.
export async function getViewer() {
  const supabase = supabaseServer();
  const {
    data: { user },
  } = await supabase.auth.getUser();
  if (!user) return null;

  const { data: membership } = await supabase
    .from("memberships") // ok: tenant/missing-org-filter
    .select("org_id, role")
    .eq("user_id", user.id)
    .order("created_at", { ascending: true })
    .limit(1)
    .maybeSingle();
  if (!membership) return null;

  return { supabase, userId: user.id, orgId: membership.org_id as string, role: membership.role as string };
}

export type Viewer = NonNullable<Awaited<ReturnType<typeof getViewer>>>;

export async function assertMembership(userId: string, orgId: string) {
  const supabase = supabaseServer();
  const { data } = await supabase
    .from("memberships") // ok: tenant/missing-org-filter
    .select("id")
    .eq("user_id", userId)
    .eq("org_id", orgId) // ok: tenant/org-id-from-request
    .maybeSingle();
  if (!data) throw new Error("Forbidden");
}

// projects: RLS policy "Org members can manage projects" limits rows to the caller's orgs.
export async function listProjects({ supabase }: Viewer) {
  const { data, error } = await supabase
    .from("projects") // ok: tenant/missing-org-filter
    .select("id, name, status, updated_at")
    .order("updated_at", { ascending: false });
  if (error) throw error;
  return data;
}

export async function removeProject({ supabase }: Viewer, id: string) {
  const { error } = await supabase.from("projects").delete().eq("id", id); // ok: tenant/missing-org-filter
  if (error) throw error;
}

// documents: the only read policy is `using (true)`, so every signed-in user reads every
// document. That is one problem, reported once where it is: at the policy
// (tenant/rls-disabled); a tenant filter here would hide it, not fix it.
export async function listDocuments({ supabase }: Viewer) {
  const { data, error } = await supabase
    .from("documents") // ok: tenant/missing-org-filter
    .select("id, title, status, updated_at")
    .order("updated_at", { ascending: false });
  if (error) throw error;
  return data;
}

export async function listWorkspaceDocuments({ supabase, orgId }: Viewer) {
  const { data, error } = await supabase
    .from("documents") // ok: tenant/missing-org-filter
    .select("id, title, status, updated_at")
    .eq("workspace_id", orgId) // ok: tenant/org-id-from-request
    .order("updated_at", { ascending: false });
  if (error) throw error;
  return data;
}

export async function myDrafts() {
  const supabase = supabaseServer();
  const {
    data: { user },
  } = await supabase.auth.getUser();
  if (!user) return [];

  const { data } = await supabase
    .from("documents") // ok: tenant/missing-org-filter
    .select("id, title, updated_at")
    .eq("user_id", user.id)
    .eq("status", "draft");
  return data ?? [];
}

export async function getDocument({ supabase, orgId }: Viewer, id: string) {
  const { data } = await supabase
    .from("documents") // ok: tenant/missing-org-filter
    .select("*")
    .match({ id, workspace_id: orgId }) // ok: tenant/org-id-from-request
    .maybeSingle();
  return data;
}

export async function renameDocument({ supabase }: Viewer, id: string, title: string) {
  const { error } = await supabase
    .from("documents") // expect: tenant/missing-org-filter
    .update({ title, updated_at: new Date().toISOString() })
    .eq("id", id);
  if (error) throw error;
}

// invites: RLS was never enabled on this table.
export async function pendingInvites({ supabase }: Viewer) {
  const { data } = await supabase
    .from("invites") // expect: tenant/missing-org-filter
    .select("id, email, role, expires_at")
    .eq("status", "pending");
  return data ?? [];
}

export async function workspaceInvites({ supabase, orgId }: Viewer) {
  const { data } = await supabase
    .from("invites") // ok: tenant/missing-org-filter
    .select("id, email, role, status, expires_at")
    .filter("org_id", "eq", orgId) // ok: tenant/org-id-from-request
    .order("created_at", { ascending: false });
  return data ?? [];
}

// Pricing page: plans is a public catalog without a tenant column.
export async function listPlans() {
  const supabase = supabaseServer();
  const { data } = await supabase.from("plans").select("id, name, price_cents, features").order("price_cents"); // ok: tenant/missing-org-filter
  return data ?? [];
}

// share_links: the open policy was dropped in a DO block; what is left keeps each member
// to their organization's links and shows strangers only published ones.
export async function listShareLinks({ supabase }: Viewer) {
  const { data } = await supabase.from("share_links").select("id, token, published"); // ok: tenant/missing-org-filter
  return data;
}

// templates: a catalog every signed-in user reads (the SELECT policy says so); changing
// one is up to its organization's members, and RLS holds this user client to that.
export async function listTemplates({ supabase }: Viewer) {
  const { data } = await supabase.from("templates").select("id, title"); // ok: tenant/missing-org-filter
  return data;
}

export async function renameTemplate({ supabase }: Viewer, id: string, title: string) {
  await supabase.from("templates").update({ title }).eq("id", id); // ok: tenant/missing-org-filter
}
