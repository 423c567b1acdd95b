-- Diners order for themselves: a diner is a signed-in user, or an email address that
-- ordered before signing up.
create table public.diners (
  id uuid primary key default gen_random_uuid(),
  user_id uuid references auth.users (id),
  email text not null
);
alter table public.diners enable row level security;
alter table public.orders add column diner_id uuid references public.diners (id);
alter table public.orders add column note text;
