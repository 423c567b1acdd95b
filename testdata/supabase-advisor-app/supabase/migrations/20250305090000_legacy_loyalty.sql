-- The first loyalty design, replaced a week later (20250306090000 drops its table).
create table public.loyalty_cards (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null,
  points integer not null default 0
);
alter table public.loyalty_cards enable row level security;

-- left behind by the migration that dropped its table: every call fails with
-- "relation does not exist" before it reads anything
create or replace function public.loyalty_points_of(p_user_id uuid) -- ok: supabase/definer-function-exposed
returns integer
language sql
stable
security definer
set search_path = public
as $$
  select points from public.loyalty_cards where user_id = p_user_id
$$;

-- the same lookup on a table that stays: anyone reads any user's points
create or replace function public.reward_points_of(p_user_id uuid) -- expect: supabase/definer-function-exposed
returns integer
language sql
stable
security definer
set search_path = public
as $$
  select points from public.profiles where id = p_user_id
$$;
