-- Views over tables whose rows every reader of the view already reads whole add no
-- exposure; a view over anything its readers could not read still does.

-- A shared reference table open to everyone: a view of it shows nothing new.
create table public.dish_styles (id bigint primary key, name text not null);
alter table public.dish_styles enable row level security;
create policy "Dish styles are public" on public.dish_styles
  for select to anon, authenticated using (true);

create view public.dish_style_names as -- ok: supabase/security-definer-view
  select id, name from public.dish_styles;

-- Signed-in users only: the view is revoked from anon, and the table lets any
-- signed-in role read every row.
create table public.allergens (id bigint primary key, label text not null);
alter table public.allergens enable row level security;
create policy "Staff read allergens" on public.allergens
  for select using ((select auth.role()) in ('authenticated', 'service_role'));

create view public.allergen_labels as -- ok: supabase/security-definer-view
  with labels as (select label from public.allergens)
  select label from labels;
revoke select on public.allergen_labels from anon;

-- The same for a policy on every command: its `with check` repeats the role test.
create table public.kitchen_stations (id bigint primary key, label text not null);
alter table public.kitchen_stations enable row level security;
create policy "Staff manage stations" on public.kitchen_stations
  for all
  using ((select auth.role()) in ('authenticated', 'service_role'))
  with check ((select auth.role()) in ('authenticated', 'service_role'));

create view public.station_labels as -- ok: supabase/security-definer-view
  select label from public.kitchen_stations;
revoke select on public.station_labels from anon;

-- The table's policy is open, but anon may not read the table itself: the view,
-- still readable by anon, serves it the rows.
create table public.suppliers (id bigint primary key, name text, contact_email text);
alter table public.suppliers enable row level security;
create policy "Suppliers readable" on public.suppliers for select using (true);
revoke all on public.suppliers from anon;

create view public.supplier_contacts as -- expect: supabase/security-definer-view
  select name, contact_email from public.suppliers;

-- One open table joined with a protected one: the protected one's policy is bypassed.
create view public.menu_dish_styles as -- expect: supabase/security-definer-view
  select c.name as style, m.name as dish
  from public.dish_styles c
  join public.menu_items m on m.restaurant_id is not null;

-- A view of an open view is open too.
create view public.dish_style_count as -- ok: supabase/security-definer-view
  select count(*) as n from public.dish_style_names;
