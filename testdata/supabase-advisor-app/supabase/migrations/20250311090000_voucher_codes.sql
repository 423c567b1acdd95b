-- Vouchers a restaurant hands out; the codes are drawn by the database.
create table public.vouchers (
  code text primary key,
  restaurant_id uuid not null references public.restaurants,
  amount numeric not null
);
alter table public.vouchers enable row level security;

-- draws random codes until one is unused: reads vouchers only to test that, and the
-- caller chooses nothing
create or replace function public.generate_voucher_code() -- ok: supabase/definer-function-exposed
returns text
language plpgsql
volatile
security definer
set search_path = public
as $$
declare
  candidate text;
  taken boolean;
begin
  loop
    candidate := upper(substring(md5(random()::text) from 1 for 8));
    select exists (select 1 from public.vouchers where code = candidate) into taken;
    exit when not taken;
  end loop;
  return candidate;
end;
$$;

-- one bit about the whole app, for the sign-up page: has any staff been added yet
create or replace function public.any_staff_exists() -- ok: supabase/definer-function-exposed
returns boolean
language sql
stable
security definer
set search_path = public
as $$
  select exists (select 1 from public.staff)
$$;

-- the caller names the code to probe: tells whether any restaurant's voucher exists
create or replace function public.voucher_code_taken(_code text) -- expect: supabase/definer-function-exposed
returns boolean
language sql
stable
security definer
set search_path = public
as $$
  select exists (select 1 from public.vouchers where code = _code)
$$;

-- no parameter, but it hands back rows: every restaurant's vouchers
create or replace function public.latest_vouchers() -- expect: supabase/definer-function-exposed
returns setof public.vouchers
language sql
stable
security definer
set search_path = public
as $$
  select * from public.vouchers order by amount desc limit 20
$$;
