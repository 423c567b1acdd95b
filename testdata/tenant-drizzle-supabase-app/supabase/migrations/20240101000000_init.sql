-- Initial schema for DocSpace.

create extension if not exists "pgcrypto";

create table public.organizations (  -- ok: tenant/rls-disabled
  id uuid primary key default gen_random_uuid(),
  name text not null,
  slug text not null unique,
  created_at timestamptz not null default now()
);

create table public.memberships (  -- ok: tenant/rls-disabled
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete cascade,
  user_id uuid not null references auth.users (id) on delete cascade,
  role text not null default 'member' check (role in ('owner', 'admin', 'member')),
  created_at timestamptz not null default now(),
  unique (org_id, user_id)
);

create table projects (  -- ok: tenant/rls-disabled
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references organizations (id) on delete cascade,
  name text not null,
  description text,
  status text not null default 'active',
  created_by uuid references auth.users (id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index projects_org_id_idx on projects (org_id);

create table documents (  -- ok: tenant/rls-disabled
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references organizations (id) on delete cascade,
  project_id uuid references projects (id) on delete set null,
  user_id uuid not null references auth.users (id),
  title text not null,
  body text not null default '',
  status text not null default 'draft',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index documents_workspace_id_idx on documents (workspace_id);

create table comments (  -- ok: tenant/rls-disabled
  id uuid primary key default gen_random_uuid(),
  document_id uuid not null references documents (id) on delete cascade,
  author_id uuid not null references auth.users (id),
  body text not null,
  created_at timestamptz not null default now()
);

CREATE TABLE IF NOT EXISTS public.plans (  -- ok: tenant/rls-disabled
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  price_cents INTEGER NOT NULL,
  features JSONB NOT NULL DEFAULT '[]'::jsonb
);

create table public.notifications (  -- expect: tenant/rls-disabled
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references auth.users (id) on delete cascade,
  kind text not null,
  payload jsonb not null default '{}'::jsonb,
  read_at timestamptz,
  created_at timestamptz not null default now()
);

create schema if not exists private;

create table private.audit_log (  -- ok: tenant/rls-disabled
  id bigint generated always as identity primary key,
  org_id uuid not null,
  actor_id uuid,
  action text not null,
  created_at timestamptz not null default now()
);

alter table public.organizations enable row level security;
alter table public.memberships enable row level security;

create policy "Members can read their memberships"  -- ok: tenant/rls-disabled
  on public.memberships for select
  to authenticated
  using (user_id = auth.uid());

create policy "Members can read their organizations"  -- ok: tenant/rls-disabled
  on public.organizations for select
  to authenticated
  using (id in (select m.org_id from public.memberships m where m.user_id = auth.uid()));
