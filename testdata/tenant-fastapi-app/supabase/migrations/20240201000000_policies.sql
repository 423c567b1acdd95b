alter table public.documents enable row level security;
alter table public.comments enable row level security;
alter table public.release_notes enable row level security;

create policy "Members can read their memberships"
  on public.org_members for select
  to authenticated
  using (user_id = auth.uid());

create policy "Members can read their organization's documents"
  on public.documents for select
  to authenticated
  using (org_id in (select m.org_id from public.org_members m where m.user_id = auth.uid()));

create policy "Members can add documents to their organization"
  on public.documents for insert
  to authenticated
  with check (org_id in (select m.org_id from public.org_members m where m.user_id = auth.uid()));

create policy "Service role syncs documents"  -- ok: tenant/rls-disabled
  on public.documents for all
  to service_role
  using (true)
  with check (true);

create policy "Service role can manage comments"  -- expect: tenant/rls-disabled
  on public.comments for all
  using (true)
  with check (true);

create policy "Anyone can read release notes"  -- ok: tenant/rls-disabled
  on public.release_notes for select
  using (true);

-- The CSV importer still writes with the anon key; off until it moves to a server job.
alter table public.import_jobs disable row level security;  -- expect: tenant/rls-disabled
