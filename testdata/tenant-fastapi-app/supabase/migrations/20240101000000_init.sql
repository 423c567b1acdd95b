-- Tables the web app reads directly with supabase-js / supabase-py.
-- organization, "user", project and invoice belong to the API (SQLModel) and are not created here.

create table public.org_members (
  org_id bigint not null references public.organization (id) on delete cascade,
  user_id uuid not null references auth.users (id) on delete cascade,
  created_at timestamptz not null default now(),
  primary key (org_id, user_id)
);
alter table public.org_members enable row level security;

create table public.documents (  -- ok: tenant/rls-disabled
  id uuid primary key default gen_random_uuid(),
  org_id bigint not null references public.organization (id) on delete cascade,
  title text not null,
  body text,
  updated_at timestamptz not null default now()
);

create table public.comments (
  id uuid primary key default gen_random_uuid(),
  org_id bigint not null references public.organization (id) on delete cascade,
  document_id uuid not null references public.documents (id) on delete cascade,
  author_id uuid references auth.users (id),
  body text not null,
  created_at timestamptz not null default now()
);

create table activity_log (  -- expect: tenant/rls-disabled
  id bigint generated always as identity primary key,
  org_id bigint not null references public.organization (id) on delete cascade,
  actor_id uuid references auth.users (id),
  action text not null,
  created_at timestamptz not null default now()
);

create table public.import_jobs (  -- ok: tenant/rls-disabled
  id uuid primary key default gen_random_uuid(),
  org_id bigint not null references public.organization (id) on delete cascade,
  file_path text not null,
  status text not null default 'pending',
  created_at timestamptz not null default now()
);
alter table public.import_jobs enable row level security;

create table public.release_notes (
  id bigint generated always as identity primary key,
  version text not null,
  body text not null,
  published_at timestamptz not null default now()
);

create schema if not exists private;

create table private.sync_cursors (  -- ok: tenant/rls-disabled
  org_id bigint not null,
  source text not null,
  cursor text,
  updated_at timestamptz not null default now(),
  primary key (org_id, source)
);
