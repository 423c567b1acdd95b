-- The session wizard could not save drafts, so a generated fix turned row level
-- security off on the table (reported there). A SECURITY DEFINER function over it
-- opens nothing the table does not already give every caller.
create table public.draft_markets (
  id uuid primary key default gen_random_uuid(),
  title text not null,
  status text not null default 'draft'
);
alter table public.draft_markets disable row level security; -- expect: tenant/rls-disabled

create or replace function public.publish_draft_market(p_id uuid) -- ok: supabase/definer-function-exposed
returns void
language sql
security definer
set search_path = public
as $$
  update public.draft_markets set status = 'published' where id = p_id
$$;

-- the same function also writing a table that keeps row level security does open more
create or replace function public.publish_draft_market_and_log(p_id uuid) -- expect: supabase/definer-function-exposed
returns void
language sql
security definer
set search_path = public
as $$
  update public.draft_markets set status = 'published' where id = p_id;
  update public.profiles set points = points + 1 where id = p_id;
$$;
