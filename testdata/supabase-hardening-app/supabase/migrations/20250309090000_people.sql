-- Tables of people reached by their phone or email, with no owner or tenant column. In
-- an app that keeps many organizations' customers, a policy that only asks who the
-- caller is lets every visitor or every signed-in user read all of them.
create table public.customer_profiles (
  id uuid primary key default gen_random_uuid(),
  phone text unique not null,
  name text,
  email text
);
alter table public.customer_profiles enable row level security;
create policy "Service role manages profiles" on public.customer_profiles -- ok: supabase/policy-any-user
  for all using (auth.role() = 'service_role') with check (auth.role() = 'service_role');
-- the service role let through beside the signed-in user changes nothing
create policy "Authenticated can read profiles" on public.customer_profiles -- expect: supabase/policy-any-user
  for select using (auth.role() = 'authenticated' or auth.role() = 'service_role');
-- the anon key is in every visitor's browser
create policy "Anon can read profiles" on public.customer_profiles -- expect: supabase/policy-any-user
  for select using (auth.role() = 'anon');
-- signing oneself up through a public form only adds a row
create policy "Anyone registers" on public.customer_profiles -- ok: supabase/policy-any-user
  for insert with check (true);

-- Named like public content, holding people's contacts.
create table public.member_profiles (
  id uuid primary key default gen_random_uuid(),
  display_name text not null,
  mobile_phone text
);
alter table public.member_profiles enable row level security;
create policy "Anyone reads member profiles" on public.member_profiles -- expect: supabase/policy-any-user
  for select using (true);

-- A business's own contact, shown on its site, and a public profile without contacts.
create table public.site_footer (
  id int primary key,
  contact_email text,
  support_phone text,
  company_address text
);
alter table public.site_footer enable row level security;
create policy "Anyone reads the footer" on public.site_footer -- ok: supabase/policy-any-user
  for select using (true);
create table public.author_profiles (
  id uuid primary key default gen_random_uuid(),
  display_name text not null,
  bio text
);
alter table public.author_profiles enable row level security;
create policy "Anyone reads author profiles" on public.author_profiles -- ok: supabase/policy-any-user
  for select using (true);
