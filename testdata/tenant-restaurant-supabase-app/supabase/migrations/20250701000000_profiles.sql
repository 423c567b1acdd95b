-- Staff profiles: each belongs to the restaurant the person works at.
create table public.profiles (
  id uuid primary key references auth.users on delete cascade,
  restaurant_id uuid not null references public.restaurants,
  full_name text,
  phone text
);
alter table public.profiles enable row level security;

create policy "Staff read their own profile" on public.profiles
  for select to authenticated
  using (id = auth.uid());
