-- A second schema the Data API serves (config.toml [api] schemas, and its USAGE granted
-- as Supabase's guide to custom schemas says), a private one, and one the config lists
-- whose usage is never granted
create schema if not exists api;
create schema if not exists private;
create schema if not exists reporting;
grant usage on schema api to anon, authenticated, service_role;
alter default privileges in schema api grant all on tables to anon, authenticated, service_role;
alter default privileges in schema api grant all on routines to anon, authenticated, service_role;

create table api.partner_invoices ( -- expect: tenant/rls-disabled
  id uuid primary key default gen_random_uuid(),
  partner_email text not null,
  amount_cents integer not null
);

create table private.invoice_archive ( -- ok: tenant/rls-disabled
  id uuid primary key,
  partner_email text not null,
  amount_cents integer not null
);

-- served: every caller runs it as its owner
create or replace function api.partner_invoice_total(p_email text) -- expect: supabase/definer-function-exposed
returns bigint
language sql stable security definer set search_path = ''
as $$
  select sum(amount_cents) from private.invoice_archive where partner_email = p_email;
$$;

-- not served: PostgREST has no route to the private schema
create or replace function private.archive_total(p_email text) -- ok: supabase/definer-function-exposed
returns bigint
language sql stable security definer set search_path = ''
as $$
  select sum(amount_cents) from private.invoice_archive where partner_email = p_email;
$$;

create view api.partner_totals as -- expect: supabase/security-definer-view
  select partner_email, sum(amount_cents) as total from private.invoice_archive group by partner_email;

create view private.archive_totals as -- ok: supabase/security-definer-view
  select partner_email, sum(amount_cents) as total from private.invoice_archive group by partner_email;

-- listed in config.toml, but anon and authenticated were never granted its usage
create table reporting.monthly_revenue ( -- ok: tenant/rls-disabled
  month date primary key,
  amount_cents bigint not null
);

create or replace function reporting.revenue_for(p_month date) -- ok: supabase/definer-function-exposed
returns bigint
language sql stable security definer set search_path = ''
as $$
  select amount_cents from reporting.monthly_revenue where month = p_month;
$$;
