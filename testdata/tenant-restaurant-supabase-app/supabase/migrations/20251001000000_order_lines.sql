-- The lines of each order, the kitchen tickets cut from them and the staff's notes on
-- an order carry no restaurant_id of their own: each row is part of its order, and the
-- order belongs to a restaurant.

create table public.order_lines (
  id uuid primary key default gen_random_uuid(),
  order_id uuid not null references public.orders (id) on delete cascade,
  dish text not null,
  quantity integer not null default 1
);
alter table public.order_lines enable row level security;

create policy "Anyone can read order lines" on public.order_lines for select using (true); -- expect: tenant/rls-disabled

create table public.kitchen_tickets (
  id uuid primary key default gen_random_uuid(),
  line_id uuid not null references public.order_lines (id) on delete cascade,
  station text not null
);
alter table public.kitchen_tickets enable row level security;

create policy "Kitchen reads tickets" on public.kitchen_tickets for select to authenticated using (true); -- expect: tenant/rls-disabled

-- a dump names its foreign keys apart from the table
create table public.order_notes (
  id uuid primary key default gen_random_uuid(),
  order_id uuid not null,
  body text not null
);
alter table only public.order_notes
  add constraint order_notes_order_id_fkey foreign key (order_id) references public.orders (id);
alter table public.order_notes enable row level security;

create policy "Staff manage order notes" on public.order_notes to authenticated using (true) with check (true); -- expect: tenant/rls-disabled

-- the tip a diner leaves on the receipt page: the public form adds to an order
create table public.order_tips (
  id uuid primary key default gen_random_uuid(),
  order_id uuid not null references public.orders (id) on delete cascade,
  amount_cents integer not null
);
alter table public.order_tips enable row level security;

create policy "Diners leave tips" on public.order_tips for insert to anon with check (true); -- ok: tenant/rls-disabled

-- photos of dishes, shown on the public menu; one may point at the order it was taken
-- for, but a photo is no part of an order (the key may be null, nothing cascades)
create table public.dish_photos (
  id uuid primary key default gen_random_uuid(),
  taken_for_order uuid references public.orders (id),
  url text not null
);
alter table public.dish_photos enable row level security;

create policy "Dish photos are public" on public.dish_photos for select using (true); -- ok: tenant/rls-disabled
