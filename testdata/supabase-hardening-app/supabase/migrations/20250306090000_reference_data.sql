-- Reference data every signed-in user reads whole, and a directory of people
create table public.emission_factors (
  id bigint generated always as identity primary key,
  fuel text not null,
  factor numeric not null
);
alter table public.emission_factors enable row level security;
create policy "Signed-in users read emission factors" on public.emission_factors
  for select to authenticated using (true);

-- reads only a catalogue any signed-in user already reads: no one's rows
create or replace function public.emission_factor(p_fuel text) -- ok: supabase/definer-function-exposed
returns numeric
language sql stable security definer set search_path = ''
as $$
  select factor from public.emission_factors where fuel = p_fuel;
$$;

create table public.staff_directory (
  id uuid primary key references auth.users,
  email text not null,
  full_name text
);
alter table public.staff_directory enable row level security;
create policy "Signed-in users read the directory" on public.staff_directory -- expect: supabase/policy-any-user
  for select to authenticated using (true);

-- the same shape over people: anon, who cannot read the table, gets every email
create or replace function public.staff_by_email(p_email text) -- expect: supabase/definer-function-exposed
returns uuid
language sql stable security definer set search_path = ''
as $$
  select id from public.staff_directory where email = p_email;
$$;
