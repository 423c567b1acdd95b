-- Lovable-style schema: restaurants, their staff, orders and loyalty points
create table public.restaurants (
  id uuid primary key default gen_random_uuid(),
  name text not null
);
alter table public.restaurants enable row level security;

create table public.profiles (
  id uuid primary key references auth.users on delete cascade,
  full_name text,
  points integer not null default 0
);
alter table public.profiles enable row level security;

create table public.user_roles (
  user_id uuid not null references auth.users on delete cascade,
  role text not null
);
alter table public.user_roles enable row level security;

create table public.staff (
  user_id uuid not null references auth.users on delete cascade,
  restaurant_id uuid not null references public.restaurants
);
alter table public.staff enable row level security;

create table public.orders (
  id uuid primary key default gen_random_uuid(),
  restaurant_id uuid not null references public.restaurants,
  customer_id uuid references auth.users,
  total numeric not null,
  status text not null default 'pending'
);
alter table public.orders enable row level security;

create table public.menu_items (
  id uuid primary key default gen_random_uuid(),
  restaurant_id uuid not null references public.restaurants,
  name text not null,
  price numeric not null
);
alter table public.menu_items enable row level security;

-- the role helper Supabase recommends for policies: read-only, boolean, called by a policy
create or replace function public.has_role(_user_id uuid, _role text) -- ok: supabase/definer-function-exposed, supabase/function-search-path
returns boolean
language sql
stable
security definer
set search_path = public
as $$
  select exists (select 1 from public.user_roles where user_id = _user_id and role = _role)
$$;

create policy "Admins read all orders" on public.orders
  for select to authenticated
  using (public.has_role(auth.uid(), 'admin'));

create or replace function public.is_restaurant_staff(_restaurant_id uuid) -- ok: supabase/definer-function-exposed, supabase/function-search-path
returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select exists (select 1 from public.staff s where s.restaurant_id = _restaurant_id and s.user_id = auth.uid())
$$;

create policy "Staff read their orders" on public.orders
  for select to authenticated
  using (public.is_restaurant_staff(restaurant_id));

-- loyalty points for any user id, callable by anyone through /rest/v1/rpc/add_reward_points
CREATE OR REPLACE FUNCTION public.add_reward_points(p_user_id uuid, p_points integer) -- expect: supabase/definer-function-exposed, supabase/function-search-path
RETURNS void
LANGUAGE plpgsql
SECURITY DEFINER
AS $function$
BEGIN
  UPDATE profiles SET points = points + p_points WHERE id = p_user_id;
END;
$function$;

-- the caller redeems their own points
create or replace function public.redeem_points(p_points integer) -- ok: supabase/definer-function-exposed, supabase/function-search-path
returns void
language plpgsql
security definer
set search_path = public
as $$
begin
  update profiles set points = points - p_points where id = auth.uid() and points >= p_points;
end;
$$;

-- staff close a restaurant's day; the check is a helper that asks for auth.uid()
create or replace function public.close_day(p_restaurant_id uuid) -- ok: supabase/definer-function-exposed
returns void
language plpgsql
security definer
set search_path = public
as $$
begin
  if not public.is_restaurant_staff(p_restaurant_id) then
    raise exception 'forbidden';
  end if;
  update orders set status = 'closed' where restaurant_id = p_restaurant_id and status = 'served';
end;
$$;

-- any restaurant's revenue, to anyone who asks
create function public.get_restaurant_revenue(p_restaurant_id uuid) -- expect: supabase/definer-function-exposed
returns numeric
language sql
security definer
set search_path = public
as $$
  select coalesce(sum(total), 0) from orders where restaurant_id = p_restaurant_id;
$$;

-- called only by the stripe-webhook edge function with the service role: revoked below
create or replace function public.mark_order_paid(p_order_id uuid) -- ok: supabase/definer-function-exposed
returns void
language plpgsql
security definer
set search_path = public
as $$
begin
  update orders set status = 'paid' where id = p_order_id;
end;
$$;
revoke execute on function public.mark_order_paid(uuid) from public, anon, authenticated;

-- revoked from PUBLIC only: Supabase's default privileges still let anon and authenticated run it
create or replace function public.refund_order(p_order_id uuid) -- expect: supabase/definer-function-exposed
returns void
language plpgsql
security definer
set search_path = public
as $$
begin
  update orders set status = 'refunded' where id = p_order_id;
end;
$$;
revoke execute on function public.refund_order(uuid) from public;

-- a trigger function is not callable through RPC, but its search_path still matters
create or replace function public.handle_new_user() -- expect: supabase/function-search-path
returns trigger
language plpgsql
security definer
as $$
begin
  insert into public.profiles (id, full_name) values (new.id, new.raw_user_meta_data ->> 'full_name');
  return new;
end;
$$;

create or replace function public.handle_new_staff() -- ok: supabase/function-search-path, supabase/definer-function-exposed
returns trigger
language plpgsql
security definer
set search_path = public
as $$
begin
  insert into public.user_roles (user_id, role) values (new.user_id, 'staff');
  return new;
end;
$$;

-- security invoker (the default): row level security applies inside
create or replace function public.menu_total(p_restaurant_id uuid) -- ok: supabase/function-search-path, supabase/definer-function-exposed
returns numeric
language sql
as $$
  select sum(price) from menu_items where restaurant_id = p_restaurant_id;
$$;

-- fixed by the next migration: search_path set with alter function
create or replace function public.reopen_order(p_order_id uuid) -- ok: supabase/function-search-path
returns void
language plpgsql
security definer
as $$
begin
  if not exists (select 1 from public.orders o join public.staff s on s.restaurant_id = o.restaurant_id where o.id = p_order_id and s.user_id = auth.uid()) then
    raise exception 'forbidden';
  end if;
  update public.orders set status = 'pending' where id = p_order_id;
end;
$$;

-- replaced by the next migration with a fixed search_path
create or replace function public.order_count(p_restaurant_id uuid) -- ok: supabase/function-search-path
returns bigint
language sql
security definer
as $$
  select count(*) from public.orders where restaurant_id = p_restaurant_id and exists (select 1 from public.staff where user_id = auth.uid() and restaurant_id = p_restaurant_id);
$$;

-- dropped by the next migration
create or replace function public.debug_reset_points() -- ok: supabase/function-search-path, supabase/definer-function-exposed
returns void
language sql
security definer
as $$
  update public.profiles set points = 0;
$$;

-- views
create view public.restaurant_revenue as -- expect: supabase/security-definer-view
  select r.id, r.name, sum(o.total) as revenue
  from public.restaurants r
  join public.orders o on o.restaurant_id = r.id
  group by r.id, r.name;

create view public.public_menu with (security_invoker = on) as -- ok: supabase/security-definer-view
  select m.id, m.name, m.price, m.restaurant_id from public.menu_items m;

create view public.order_stats as -- ok: supabase/security-definer-view
  select restaurant_id, count(*) as orders from public.orders group by restaurant_id;

create view public.internal_report as -- ok: supabase/security-definer-view
  select restaurant_id, status, count(*) from public.orders group by restaurant_id, status;
revoke select on public.internal_report from anon, authenticated;

create view public.staff_directory as -- expect: supabase/auth-users-exposed, supabase/security-definer-view
  select s.restaurant_id, u.email, u.raw_user_meta_data ->> 'full_name' as name
  from public.staff s
  join auth.users u on u.id = s.user_id;

create materialized view public.daily_totals as -- ok: supabase/security-definer-view, supabase/auth-users-exposed
  select restaurant_id, date_trunc('day', now()) as day, sum(total) as total from public.orders group by restaurant_id;

create schema if not exists private;
create view private.audit_view as -- ok: supabase/security-definer-view
  select * from public.orders;

-- policies
create policy "Admins manage menu" on public.menu_items -- expect: supabase/user-metadata-in-policy
  for all to authenticated
  using ((auth.jwt() -> 'user_metadata' ->> 'role') = 'admin');

create policy "Owners manage restaurants" on public.restaurants -- ok: supabase/user-metadata-in-policy
  for all to authenticated
  using ((auth.jwt() -> 'app_metadata' ->> 'role') = 'owner');

create or replace function public.is_manager() -- ok: supabase/definer-function-exposed, supabase/function-search-path
returns boolean
language sql
stable
security definer
set search_path = public
as $$
  select coalesce((select raw_user_meta_data ->> 'role' from auth.users where id = auth.uid()) = 'manager', false)
$$;

create policy "Managers update orders" on public.orders -- expect: supabase/user-metadata-in-policy
  for update to authenticated
  using (public.is_manager());

create policy "Staff read menu (old)" on public.menu_items -- ok: supabase/user-metadata-in-policy
  for select to authenticated
  using ((auth.jwt() -> 'user_metadata' ->> 'restaurant_id')::uuid = restaurant_id);
