-- Share links: members see their organization's links; anyone may read a link that was
-- published (the flag decides, not the tenant).
create table public.share_links (  -- ok: tenant/rls-disabled
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete cascade,
  token text not null unique,
  published boolean not null default false
);
alter table public.share_links enable row level security;

-- the first version opened every link to everyone; generators drop policies this way
create policy "Anyone can read share links"  -- ok: tenant/rls-disabled
  on public.share_links for select
  using (true);

DO $$
BEGIN
  DROP POLICY IF EXISTS "Anyone can read share links" ON public.share_links;
EXCEPTION
  WHEN undefined_object THEN NULL;
END $$;

create policy "Members read their share links"  -- ok: tenant/rls-disabled
  on public.share_links for select to authenticated
  using (org_id in (select m.org_id from public.memberships m where m.user_id = auth.uid()));

create policy "Anyone reads published share links"  -- ok: tenant/rls-disabled
  on public.share_links for select to anon
  using (published = true);

-- Templates are a public catalog: every signed-in user browses all of them, whichever
-- organization wrote one.
create table public.templates (  -- ok: tenant/rls-disabled
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id),
  title text not null
);
alter table public.templates enable row level security;
create policy "Signed-in users browse templates"  -- ok: tenant/rls-disabled, supabase/policy-any-user
  on public.templates for select
  using (auth.role() = 'authenticated');
create policy "Authors edit their templates"  -- ok: tenant/rls-disabled
  on public.templates for update to authenticated
  using (org_id in (select m.org_id from public.memberships m where m.user_id = auth.uid()));
