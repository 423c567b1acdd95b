-- Profiles, created by Lovable
create table public.profiles (
  id uuid primary key references auth.users(id) on delete cascade,
  full_name text,
  avatar_url text,
  role text not null default 'user',
  credits integer not null default 20,
  created_at timestamptz default now()
);
alter table public.profiles enable row level security;

create policy "Users can view their own profile" on public.profiles
  for select using (auth.uid() = id);

-- 20250315090000_lock_columns.sql takes UPDATE of role and credits away; INSERT stays open
create policy "Users can update their own profile" on public.profiles -- ok: supabase/self-escalation
  for update using (auth.uid() = id);

create policy "Users can insert their own profile" on public.profiles -- expect: supabase/self-escalation
  for insert with check (auth.uid() = id);

create or replace function public.is_admin()
returns boolean
language sql stable security definer set search_path = public
as $$ select exists (select 1 from public.profiles where id = auth.uid() and role = 'admin') $$;

-- admins manage every profile: not an escalation
create policy "Admins can update profiles" on public.profiles -- ok: supabase/self-escalation
  for update using (public.is_admin());

-- subscriptions the client writes after checkout
create table public.subscriptions (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references auth.users(id),
  plan_id text not null default 'free',
  status text not null default 'inactive',
  current_period_end timestamptz
);
alter table public.subscriptions enable row level security;

create policy "Users manage own subscription" on public.subscriptions -- expect: supabase/self-escalation
  for all to authenticated
  using ((select auth.uid()) = user_id)
  with check ((select auth.uid()) = user_id);

-- notes: own rows, nothing to escalate
create table public.notes (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references auth.users(id),
  title text,
  body text,
  status text default 'draft'
);
alter table public.notes enable row level security;

create policy "Users manage own notes" on public.notes -- ok: supabase/self-escalation
  for all using (auth.uid() = user_id) with check (auth.uid() = user_id);
