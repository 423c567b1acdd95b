-- A restaurant-booking SaaS: each restaurant is a tenant, and its staff are its members.
-- The schema never says "organization": the tenant column is `restaurant_id`.
create table public.restaurants (
  id uuid primary key default gen_random_uuid(),
  name text not null
);

create table public.restaurant_staff (
  id uuid primary key default gen_random_uuid(),
  restaurant_id uuid not null references public.restaurants (id),
  user_id uuid not null references auth.users (id),
  role text not null default 'waiter'
);

create table public.menu_items (
  id uuid primary key default gen_random_uuid(),
  restaurant_id uuid not null references public.restaurants (id),
  name text not null,
  price_cents integer not null
);

create table public.orders (
  id uuid primary key default gen_random_uuid(),
  restaurant_id uuid not null references public.restaurants (id),
  total_cents integer not null,
  customer_phone text
);

create table public.reservations (
  id uuid primary key default gen_random_uuid(),
  restaurant_id uuid not null references public.restaurants (id),
  guest_name text not null,
  guest_phone text not null
);

create table public.reviews (
  id uuid primary key default gen_random_uuid(),
  restaurant_id uuid not null references public.restaurants (id),
  rating integer not null
);

create table public.order_events (
  id uuid primary key default gen_random_uuid(),
  restaurant_id uuid not null references public.restaurants (id),
  order_id uuid not null references public.orders (id),
  kind text not null
);

alter table public.restaurants enable row level security;
alter table public.restaurant_staff enable row level security;
alter table public.menu_items enable row level security;
alter table public.orders enable row level security;
alter table public.reservations enable row level security;
alter table public.reviews enable row level security;
alter table public.order_events enable row level security;

create policy "staff read their restaurant" on public.restaurants
  for select to authenticated
  using (id in (select restaurant_id from public.restaurant_staff where user_id = auth.uid()));

create policy "staff see their colleagues" on public.restaurant_staff
  for select to authenticated
  using (restaurant_id in (select restaurant_id from public.restaurant_staff s where s.user_id = auth.uid()));

create policy "staff manage orders" on public.orders
  for all to authenticated
  using (restaurant_id in (select restaurant_id from public.restaurant_staff where user_id = auth.uid()))
  with check (restaurant_id in (select restaurant_id from public.restaurant_staff where user_id = auth.uid()));

-- generated "so the booking widget can check availability": every guest's name and
-- phone, of every restaurant, to anyone holding the anon key
create policy "public can read reservations" on public.reservations for select using (true); -- expect: tenant/rls-disabled

-- catch-all for the edge functions, limited to the role that bypasses RLS anyway
create policy "service role manages reviews" on public.reviews for all to service_role using (true); -- ok: tenant/rls-disabled

create policy "staff manage menu" on public.menu_items
  for all to authenticated
  using (restaurant_id in (select restaurant_id from public.restaurant_staff where user_id = auth.uid()));

create policy "staff read order events" on public.order_events
  for select to authenticated
  using (restaurant_id in (select restaurant_id from public.restaurant_staff where user_id = auth.uid()));

-- a waiter's own shifts: `staff_user_id` is the waiter, a name no data model spells "user_id"
create table public.shifts (
  id uuid primary key default gen_random_uuid(),
  restaurant_id uuid not null references public.restaurants (id),
  staff_user_id uuid not null references auth.users (id),
  starts_at timestamptz not null
);
alter table public.shifts enable row level security;
