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

-- a common table expression of its own over the catalogue: still only the catalogue
create or replace function public.emission_factors_like(p_prefix text) -- ok: supabase/definer-function-exposed
returns table (fuel text, factor numeric)
language sql stable security definer set search_path = ''
as $$
  with wanted as (select lower(p_prefix) || '%' as pattern)
  select f.fuel, f.factor
  from public.emission_factors f
  cross join wanted w
  where lower(f.fuel) like w.pattern;
$$;

-- the catalogue read through another function of the project
create or replace function public.emission_for(p_fuel text, p_amount numeric) -- ok: supabase/definer-function-exposed
returns numeric
language plpgsql stable security definer set search_path = ''
as $$
declare
  v_factor numeric;
begin
  select f.factor into v_factor from public.emission_factors_like(p_fuel) f limit 1;
  return coalesce(v_factor, 0) * p_amount;
end;
$$;

-- people read through another function of the project: anon gets every email's id
create or replace function public.staff_id_for(p_email text) -- expect: supabase/definer-function-exposed
returns uuid
language plpgsql stable security definer set search_path = ''
as $$
declare
  v_id uuid;
begin
  select s into v_id from public.staff_by_email(p_email) s;
  return v_id;
end;
$$;

-- Guides anyone reads once they are published
create table public.guides (
  id bigint generated always as identity primary key,
  title text not null,
  body text not null,
  published boolean not null default false
);
alter table public.guides enable row level security;
create policy "Anyone reads published guides" on public.guides
  for select to anon, authenticated using (published = true);

-- asks for the rows the policy shows anyway
create or replace function public.guide_titles() -- ok: supabase/definer-function-exposed
returns setof text
language sql stable security definer set search_path = ''
as $$
  select g.title from public.guides g where g.published = true order by g.title;
$$;

-- drafts too: past the policy, every unpublished guide
create or replace function public.all_guide_titles() -- expect: supabase/definer-function-exposed
returns setof text
language sql stable security definer set search_path = ''
as $$
  select g.title from public.guides g order by g.title;
$$;
