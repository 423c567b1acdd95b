-- Security review: users keep writing their profile, but not its role or credits
revoke update on table public.profiles from authenticated;
grant update (full_name, avatar_url) on table public.profiles to authenticated;

-- a second table of user settings, guarded by a trigger instead
create table public.user_settings (
  user_id uuid primary key references auth.users(id) on delete cascade,
  theme text default 'light',
  plan text not null default 'free'
);
alter table public.user_settings enable row level security;

create or replace function public.keep_plan()
returns trigger
language plpgsql
set search_path = public
as $$
begin
  if new.plan is distinct from old.plan and auth.role() <> 'service_role' then
    raise exception 'plan changes go through billing';
  end if;
  return new;
end;
$$;

create trigger keep_plan before update on public.user_settings
  for each row execute function public.keep_plan();

create policy "Users update own settings" on public.user_settings -- ok: supabase/self-escalation
  for update using (auth.uid() = user_id);

-- a wallet whose trigger only logs the change: still an escalation
create table public.wallets (
  user_id uuid primary key references auth.users(id) on delete cascade,
  balance numeric not null default 0
);
alter table public.wallets enable row level security;
create table public.wallet_log (id bigserial primary key, user_id uuid, old_balance numeric, new_balance numeric);
alter table public.wallet_log enable row level security;

create or replace function public.log_wallet()
returns trigger
language plpgsql
set search_path = public
as $$
begin
  insert into public.wallet_log (user_id, old_balance, new_balance) values (new.user_id, old.balance, new.balance);
  return new;
end;
$$;

create trigger log_wallet after update on public.wallets
  for each row execute function public.log_wallet();

create policy "Users update own wallet" on public.wallets -- expect: supabase/self-escalation
  for update using (auth.uid() = user_id);
