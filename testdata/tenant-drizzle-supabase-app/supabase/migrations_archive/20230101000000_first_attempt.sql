-- Superseded by the migrations in ../migrations: kept for reference, never applied.

create table public.legacy_notes (  -- ok: tenant/rls-disabled
  id uuid primary key default gen_random_uuid(),
  body text not null
);
