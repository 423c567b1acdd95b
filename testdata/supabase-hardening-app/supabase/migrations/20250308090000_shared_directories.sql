-- Shared reference tables whose rows only record who added or last changed them.
create table public.unit_conversions (
  id bigint generated always as identity primary key,
  from_unit text not null,
  to_unit text not null,
  factor numeric not null,
  created_by uuid references auth.users,
  updated_by uuid references auth.users
);
alter table public.unit_conversions enable row level security;
-- reading shared data: whoever added a row does not own it
create policy "Signed-in users read unit conversions" on public.unit_conversions -- ok: supabase/policy-any-user
  for select to authenticated using (true);
-- adding to it once signed in
create policy "Signed-in users add unit conversions" on public.unit_conversions -- ok: supabase/policy-any-user
  for insert to authenticated with check (auth.uid() is not null);
-- anyone with the anon key adding to it
create policy "Anyone adds unit conversions" on public.unit_conversions -- expect: supabase/policy-any-user
  for insert with check (true);
-- changing every row whoever added it
create policy "Signed-in users edit unit conversions" on public.unit_conversions -- expect: supabase/policy-any-user
  for update to authenticated using (true);

-- A table of customers' visits: the column that records who entered a row sits beside
-- a customer's details, so the rows are about people.
create table public.site_visits (
  id bigint generated always as identity primary key,
  customer_name text not null,
  customer_phone text,
  entered_by uuid references auth.users
);
alter table public.site_visits enable row level security;
create policy "Signed-in users read site visits" on public.site_visits -- expect: supabase/policy-any-user
  for select to authenticated using (true);

-- A user's own bookmarks: `user_id` is an owner, not attribution.
create table public.bookmarks (
  id bigint generated always as identity primary key,
  user_id uuid not null references auth.users,
  url text not null,
  created_by uuid references auth.users
);
alter table public.bookmarks enable row level security;
create policy "Signed-in users read bookmarks" on public.bookmarks -- expect: supabase/policy-any-user
  for select to authenticated using (true);
-- A policy for the service role alone lets no API caller through; naming
-- `authenticated` beside it lets every signed-in user through too.
create policy "Service role adds bookmarks" on public.bookmarks -- ok: supabase/policy-any-user
  for insert to service_role with check (true);
create policy "Users and service add bookmarks" on public.bookmarks -- expect: supabase/policy-any-user
  for insert to authenticated, service_role with check (true);

-- The same on a tenant's rows.
create table public.org_notes (
  id bigint generated always as identity primary key,
  org_id uuid not null,
  body text not null
);
alter table public.org_notes enable row level security;
create policy "Members read their organization's notes" on public.org_notes
  for select to authenticated using (org_id = ((select auth.jwt()) ->> 'org_id')::uuid);
create policy "Service role manages notes" on public.org_notes -- ok: tenant/rls-disabled
  for all to service_role using (true);
create policy "Members and service read notes" on public.org_notes -- expect: tenant/rls-disabled
  for select to authenticated, service_role using (true);

-- Shared notices: their rows record who posted them and when each was mailed out; the
-- email columns are about a message, not a person.
create table public.team_notices (
  id bigint generated always as identity primary key,
  title text not null,
  created_by uuid references auth.users,
  email_sent_at timestamptz,
  email_error text
);
alter table public.team_notices enable row level security;
create policy "Signed-in users read team notices" on public.team_notices -- ok: supabase/policy-any-user
  for select to authenticated using (true);

-- the same with the poster's address: a person's details
create table public.team_posts (
  id bigint generated always as identity primary key,
  title text not null,
  created_by uuid references auth.users,
  poster_email text
);
alter table public.team_posts enable row level security;
create policy "Signed-in users read team posts" on public.team_posts -- expect: supabase/policy-any-user
  for select to authenticated using (true);

-- Delivery logs only admins read: an update any signed-in user passes matches no row
-- they can see, and PostgREST refuses one without a filter.
create table public.mail_logs (
  id bigint generated always as identity primary key,
  user_id uuid references auth.users,
  status text not null
);
alter table public.mail_logs enable row level security;
create policy "Admins read mail logs" on public.mail_logs
  for select to authenticated using ((auth.jwt() ->> 'app_role') = 'admin');
create policy "Signed-in users update mail logs" on public.mail_logs -- ok: supabase/policy-any-user
  for update to authenticated using (true);

-- the same where each user reads their own: anyone rewrites their own log's status
create table public.sms_logs (
  id bigint generated always as identity primary key,
  user_id uuid references auth.users,
  status text not null
);
alter table public.sms_logs enable row level security;
create policy "Users read their sms logs" on public.sms_logs
  for select to authenticated using (user_id = auth.uid());
create policy "Signed-in users update sms logs" on public.sms_logs -- expect: supabase/policy-any-user
  for update to authenticated using (true);
