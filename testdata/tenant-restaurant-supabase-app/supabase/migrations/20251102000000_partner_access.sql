-- Partners (a delivery aggregator) read a restaurant's orders with the restaurant's own
-- partner secret; guests confirm a table hold with the code texted to their phone.
alter table public.restaurants add column partner_secret text;

create table public.table_holds (
  id uuid primary key default gen_random_uuid(),
  restaurant_id uuid not null references public.restaurants (id),
  guest_phone text not null,
  otp_code text not null,
  confirmed boolean not null default false
);
alter table public.table_holds enable row level security;
