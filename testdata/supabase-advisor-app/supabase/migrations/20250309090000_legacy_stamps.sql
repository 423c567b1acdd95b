-- Stamp cards moved to the loyalty service: the table is dropped by dynamic SQL in a
-- DO block, as generated "cleanup" migrations write it.
create table public.stamp_cards (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null,
  stamps integer not null default 0
);
alter table public.stamp_cards enable row level security;

-- every call fails with "relation does not exist" once the block below has run
create or replace function public.add_stamp(p_user_id uuid) -- ok: supabase/definer-function-exposed
returns void
language plpgsql
security definer
set search_path = public
as $$
begin
  update public.stamp_cards set stamps = stamps + 1 where user_id = p_user_id;
end;
$$;

do $$
begin
  if exists (select 1 from pg_tables where tablename = 'stamp_cards') then
    execute 'drop table public.stamp_cards';
  end if;
end $$;
