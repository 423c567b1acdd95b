-- Payments, reviews and team notes, with the policies generators write for them
create table public.payments (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references auth.users,
  amount numeric not null,
  status text not null default 'pending'
);
alter table public.payments enable row level security;

create policy "Users can update payments" on public.payments -- expect: supabase/policy-any-user
  for update to authenticated
  using (auth.role() = 'authenticated');

create policy "Anyone can record a payment" on public.payments -- expect: supabase/policy-any-user
  for insert with check (true);

create policy "Users read their payments" on public.payments -- ok: supabase/policy-any-user
  for select to authenticated
  using ((select auth.uid()) = user_id);

create policy "Users move their payments" on public.payments -- ok: supabase/policy-any-user, expect: supabase/self-escalation
  for update to authenticated
  using (auth.uid() = user_id) with check (true);

create policy "Service role manages payments" on public.payments -- ok: supabase/policy-any-user
  for all to service_role
  using (true) with check (true);

create table public.reviews (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references auth.users,
  menu_item_id uuid not null references public.menu_items,
  body text not null
);
alter table public.reviews enable row level security;

-- reviews are public by design
create policy "Reviews are public" on public.reviews -- ok: supabase/policy-any-user
  for select using (true);

create policy "Signed-in users edit reviews" on public.reviews -- expect: supabase/policy-any-user
  for update using ((select auth.uid()) is not null);

-- diners rate dishes; the ratings are shown to everyone, changing them stays a finding
create table public.dish_ratings (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references auth.users,
  menu_item_id uuid not null references public.menu_items,
  stars integer not null
);
alter table public.dish_ratings enable row level security;

create policy "Ratings are public" on public.dish_ratings -- ok: supabase/policy-any-user
  for select using (true);

create policy "Signed-in users change ratings" on public.dish_ratings -- expect: supabase/policy-any-user
  for update to authenticated using (auth.uid() is not null);

-- a lookup table with no owner
create table public.cuisines (
  id serial primary key,
  name text not null
);
alter table public.cuisines enable row level security;

create policy "Anyone reads cuisines" on public.cuisines -- ok: supabase/policy-any-user
  for select using (true);

-- rows tied to a user by a foreign key, whatever the column is called
create table public.job_applications (
  id uuid primary key default gen_random_uuid(),
  applicant_id uuid not null references auth.users (id) on delete cascade,
  cover_letter text
);
alter table public.job_applications enable row level security;

create policy "Applications are visible to signed-in users" on public.job_applications -- expect: supabase/policy-any-user
  for select to authenticated
  using (auth.role() = 'authenticated');

create policy "Applicants read their applications" on public.job_applications -- ok: supabase/policy-any-user
  for select to authenticated
  using (applicant_id = (select auth.uid()));

-- a table whose row level security a later migration turns off: no policy applies
create table public.kitchen_tickets (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references auth.users,
  note text
);
alter table public.kitchen_tickets enable row level security;

create policy "Signed-in users see tickets" on public.kitchen_tickets -- ok: supabase/policy-any-user
  for select to authenticated
  using (true);

alter table public.kitchen_tickets disable row level security; -- expect: tenant/rls-disabled

-- a receipt log nothing computes from, and a credit log a trigger spends from
create table public.payment_history (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references auth.users,
  amount numeric not null,
  status text not null
);
alter table public.payment_history enable row level security;

create policy "Users log their own payments" on public.payment_history -- ok: supabase/self-escalation
  for insert to authenticated
  with check (auth.uid() = user_id);

create table public.credit_transactions (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references auth.users,
  amount integer not null
);
alter table public.credit_transactions enable row level security;

create function public.apply_credit_transaction() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  update public.user_credits set balance = balance + new.amount where user_id = new.user_id;
  return new;
end;
$$;

create trigger apply_credit_transaction after insert on public.credit_transactions
  for each row execute function public.apply_credit_transaction();

create policy "Users add their own credit transactions" on public.credit_transactions -- expect: supabase/self-escalation
  for insert to authenticated
  with check (auth.uid() = user_id);

-- the browser reports its own errors: any caller appends, as the app means it to
create table public.client_error_logs (
  id bigserial primary key,
  user_id uuid references auth.users,
  message text not null,
  created_at timestamptz not null default now()
);
alter table public.client_error_logs enable row level security;

create policy "Anyone can report an error" on public.client_error_logs -- ok: supabase/policy-any-user
  for insert with check (true);

-- reading every user's errors back is no part of that design
create policy "Signed-in users read errors" on public.client_error_logs -- expect: supabase/policy-any-user
  for select to authenticated
  using (true);
