// Renames a project for a member of its organization. Project names are unique across
// the platform. Runs with the service-role client, so the projects policies do not apply.
import { createClient } from "npm:@supabase/supabase-js@2";
import { assertOrgMember } from "../_shared/members.ts";

Deno.serve(async (req) => {
  const { name, newName, mergeInto } = await req.json();
  const supabaseUrl = Deno.env.get("SUPABASE_URL")!;
  const db = createClient(supabaseUrl, Deno.env.get("SUPABASE_SERVICE_ROLE_KEY")!);
  const userClient = createClient(supabaseUrl, Deno.env.get("SUPABASE_ANON_KEY")!, {
    global: { headers: { Authorization: req.headers.get("Authorization")! } },
  });
  const { data: { user } } = await userClient.auth.getUser();
  if (!user) return new Response("Unauthorized", { status: 401 });

  // found by its name, then the caller's membership of its organization asserted
  const { data: project } = await db
    .from("projects") // ok: tenant/missing-org-filter
    .select("id, org_id")
    .eq("name", name)
    .maybeSingle();
  if (!project) return new Response("Not found", { status: 404 });
  await assertOrgMember(db, user.id, project.org_id);

  // only whether the new name is taken anywhere; taken turns the caller away
  const { data: clash } = await db
    .from("projects") // ok: tenant/missing-org-filter
    .select("id")
    .eq("name", newName)
    .limit(1);
  if (clash && clash.length > 0) {
    return new Response("Name taken", { status: 409 });
  }

  // a project the caller names, let through when found: any organization's project
  const { data: target } = await db
    .from("projects") // expect: tenant/missing-org-filter
    .select("id")
    .eq("name", mergeInto)
    .maybeSingle();
  if (!target) return new Response("Not found", { status: 404 });

  await db.from("projects").update({ name: newName }).eq("id", project.id).eq("org_id", project.org_id);
  return new Response(JSON.stringify({ renamed: true }), { headers: { "Content-Type": "application/json" } });
});
