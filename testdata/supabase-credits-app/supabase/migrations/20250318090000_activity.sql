-- Courses a user follows, and the points they earn: records of what a user did.
create table public.course_subscriptions (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references auth.users (id),
  course_id uuid not null,
  is_active boolean not null default true,
  started_at timestamptz not null default now()
);
alter table public.course_subscriptions enable row level security;
-- following a course or leaving it: the table holds nothing paid for
create policy "Users manage their course subscriptions" on public.course_subscriptions -- ok: supabase/self-escalation
  for all to authenticated
  using (auth.uid() = user_id)
  with check (auth.uid() = user_id);

create table public.rewards_transactions (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references auth.users (id),
  points integer not null,
  reason text not null
);
alter table public.rewards_transactions enable row level security;

create or replace function public.add_reward_points(p_points integer, p_reason text)
returns void
language plpgsql security invoker set search_path = ''
as $$
begin
  insert into public.rewards_transactions (user_id, points, reason)
  values (auth.uid(), p_points, p_reason);
end;
$$;

-- a function writes the records, none reads them: no balance comes from them
create policy "Users log their own rewards" on public.rewards_transactions -- ok: supabase/self-escalation
  for insert to authenticated
  with check (auth.uid() = user_id);

create table public.wallet_transactions (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references auth.users (id),
  coins_amount integer not null
);
alter table public.wallet_transactions enable row level security;

create or replace function public.wallet_coin_balance()
returns integer
language sql stable security invoker set search_path = ''
as $$
  select coalesce(sum(coins_amount), 0)::integer
  from public.wallet_transactions
  where user_id = auth.uid();
$$;

-- the balance is the sum of these rows: a user writes themselves coins
create policy "Users log their own coins" on public.wallet_transactions -- expect: supabase/self-escalation
  for insert to authenticated
  with check (auth.uid() = user_id);
