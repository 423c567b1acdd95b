-- Nightly report rebuild: rows are staged in a session-local table first.

create temporary table report_staging (  -- ok: tenant/rls-disabled
  org_id uuid not null,
  total numeric not null
);

CREATE TEMP TABLE IF NOT EXISTS seen_ids (id uuid primary key);  -- ok: tenant/rls-disabled
