-- The platform's own settings: one row, its key pinned to 1. It names the restaurant that
-- runs the platform's demo kitchen, but it is no restaurant's data.
create table public.platform_settings (
  id integer primary key default 1 check (id = 1),
  restaurant_id uuid references public.restaurants (id),
  support_email text
);
alter table public.platform_settings enable row level security;

-- A check that pins a column other than the key: one row per restaurant and tier.
create table public.loyalty_tiers (
  id uuid primary key default gen_random_uuid(),
  restaurant_id uuid not null references public.restaurants (id),
  tier integer not null check (tier = 1),
  points_needed integer not null
);
alter table public.loyalty_tiers enable row level security;
