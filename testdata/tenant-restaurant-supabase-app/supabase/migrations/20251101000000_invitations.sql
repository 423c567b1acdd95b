-- Staff invitations, accepted with the code the invite email carries, and catering
-- quotes a customer signs from a link that carries the quote's signing token.
create table public.staff_invitations (
  id uuid primary key default gen_random_uuid(),
  restaurant_id uuid not null references public.restaurants(id),
  email text not null,
  invitation_code text not null unique,
  status text not null default 'pending'
);
alter table public.staff_invitations enable row level security;

create table public.catering_quotes (
  id uuid primary key default gen_random_uuid(),
  restaurant_id uuid not null references public.restaurants(id),
  customer_email text not null,
  total_cents integer not null,
  status text not null default 'draft',
  sign_token text
);
alter table public.catering_quotes enable row level security;
