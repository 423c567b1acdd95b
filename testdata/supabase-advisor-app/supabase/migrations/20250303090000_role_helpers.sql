-- The policies call is_admin(), which asks the role helper about the caller. The helper
-- takes any user id, as the one Supabase's guide shows, and answers one bit.
create or replace function public.user_has_role(_user_id uuid, _role text) -- ok: supabase/definer-function-exposed
returns boolean
language sql
stable
security definer
set search_path = public
as $$
  select exists (select 1 from public.user_roles where user_id = _user_id and role = _role)
$$;

create or replace function public.is_admin()
returns boolean
language sql
stable
security invoker
set search_path = public
as $$
  select public.user_has_role(auth.uid(), 'admin')
$$;

create policy "Admins read every staff row" on public.staff
  for select to authenticated
  using (public.is_admin());

-- written "for the dashboard", called by no policy: tells anyone whether any user works
-- for any restaurant
create or replace function public.works_at(_user_id uuid, _restaurant_id uuid) -- expect: supabase/definer-function-exposed
returns boolean
language sql
stable
security definer
set search_path = public
as $$
  select exists (select 1 from public.staff where user_id = _user_id and restaurant_id = _restaurant_id)
$$;
