-- Views for the dashboard. `project` belongs to the API (SQLModel makes it); these
-- migrations only add a column to it, and say nothing of its row level security.
alter table public.project add column if not exists summary text;

-- Over the API's table alone: whether its rows are protected is decided where the table
-- is made, not here, so nothing shows the view opens them.
create view public.project_summaries as -- ok: supabase/security-definer-view
  select p.id, p.name, p.summary from public.project p where not p.archived;
revoke select on public.project_summaries from anon;

-- Joined with a table these migrations protect: members read only their organization's
-- documents, and the view runs past that policy.
create view public.project_documents as -- expect: supabase/security-definer-view
  select p.name as project, d.title
  from public.project p
  join public.documents d on d.org_id = p.org_id;
revoke select on public.project_documents from anon;

-- A generator's typo PostgreSQL rejects: it makes no table, and none named `if`.
create table if not exists public.if not exists timesheets ( -- ok: tenant/rls-disabled
  id bigint generated always as identity primary key,
  org_id bigint not null references public.organization (id) on delete cascade,
  minutes integer not null
);
