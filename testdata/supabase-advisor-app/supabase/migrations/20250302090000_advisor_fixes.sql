-- fixes from the Security Advisor
alter function public.reopen_order(uuid) set search_path = public;

create or replace function public.order_count(p_restaurant_id uuid) -- ok: supabase/function-search-path, supabase/definer-function-exposed
returns bigint
language sql
security definer
set search_path = public
as $$
  select count(*) from public.orders where restaurant_id = p_restaurant_id and exists (select 1 from public.staff where user_id = auth.uid() and restaurant_id = p_restaurant_id);
$$;

drop function if exists public.debug_reset_points();

alter view public.order_stats set (security_invoker = true);

drop policy if exists "Staff read menu (old)" on public.menu_items;

create policy "Staff read menu" on public.menu_items -- ok: supabase/user-metadata-in-policy
  for select to authenticated
  using (exists (select 1 from public.staff s where s.restaurant_id = menu_items.restaurant_id and s.user_id = (select auth.uid())));
