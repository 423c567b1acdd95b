-- Staff invitations, and a view of table statistics
create table public.staff_invites (
  id uuid primary key default gen_random_uuid(),
  restaurant_id uuid not null references public.restaurants,
  email text not null,
  token text not null unique,
  accepted boolean not null default false
);
alter table public.staff_invites enable row level security;

-- the invite link's secret token is the check: ok
create or replace function public.accept_invite(p_token text) -- ok: supabase/definer-function-exposed, supabase/function-search-path
returns void
language plpgsql
security definer
set search_path = public
as $$
begin
  update public.staff_invites set accepted = true where token = p_token;
end;
$$;

-- the same invitation by its id, which is no secret: any caller reads any invitation
create or replace function public.peek_invite(p_invite_id uuid) -- expect: supabase/definer-function-exposed
returns setof public.staff_invites
language sql
security definer
set search_path = public
as $$
  select * from public.staff_invites where id = p_invite_id;
$$;

-- the caller is bound to a variable after `begin`, then checked
create or replace function public.rename_restaurant(p_restaurant_id uuid, p_name text) -- ok: supabase/definer-function-exposed, supabase/function-search-path
returns void
language plpgsql
security definer
set search_path = public
as $$
declare
  v_uid uuid;
begin
  v_uid := auth.uid();
  if not exists (select 1 from public.staff s where s.restaurant_id = p_restaurant_id and s.user_id = v_uid) then
    raise exception 'not your restaurant';
  end if;
  update public.restaurants set name = p_name where id = p_restaurant_id;
end;
$$;

-- table statistics from the catalog: no row level security to bypass
create view public.table_sizes as -- ok: supabase/security-definer-view
  select relname, n_live_tup from pg_stat_user_tables;

-- the admin page's "live queries" panel. The view runs as its owner, but the statistics
-- functions under pg_stat_activity filter by the role that reads it, not the owner:
-- each reader still sees the query text of their own sessions only
create view public.live_queries as -- ok: supabase/security-definer-view
  select pid, usename, state, left(query, 100) as query_preview from pg_stat_activity;

-- which sessions wait on which: `is not distinct from` compares two lock rows, it reads
-- no table
create view public.lock_waits as -- ok: supabase/security-definer-view
  select waiting.pid as waiting_pid, holding.pid as holding_pid
  from pg_locks waiting
  join pg_locks holding on holding.relation is not distinct from waiting.relation
    and holding.pid <> waiting.pid
  where not waiting.granted;
