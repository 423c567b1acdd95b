-- Functions of an older gift-card design. Its pool table (gift_card_pools) lived in
-- migrations this project's baseline replaced, and none of these migrations creates
-- it: a call fails with "relation does not exist", and the error undoes whatever the
-- call did before.
create or replace function public.gift_pool_stock(p_brand uuid) -- ok: supabase/definer-function-exposed
returns integer
language plpgsql
stable
security definer
set search_path = public
as $$
declare
  v_count integer;
begin
  select count(*) into v_count from gift_card_pools where brand_id = p_brand;
  return v_count;
end;
$$;

-- the first statement reads the missing table on every call: the update after it
-- never lands
create or replace function public.claim_gift_card(p_user_id uuid, p_brand uuid) -- ok: supabase/definer-function-exposed
returns uuid
language plpgsql
security definer
set search_path = public
as $$
declare
  v_pool uuid;
begin
  select id into v_pool from gift_card_pools where brand_id = p_brand limit 1;
  update public.profiles set points = points + 1 where id = p_user_id;
  return v_pool;
end;
$$;

-- the missing table only behind a branch: the update runs whenever p_check is false
create or replace function public.reset_gift_points(p_user_id uuid, p_check boolean) -- expect: supabase/definer-function-exposed
returns void
language plpgsql
security definer
set search_path = public
as $$
begin
  if p_check then
    perform 1 from gift_card_pools limit 1;
  end if;
  update public.profiles set points = 0 where id = p_user_id;
end;
$$;

-- a list of its own (a common table expression with column names) is no missing
-- table: this changes any user's points
create or replace function public.grant_bonus_points(p_user_id uuid, p_code text) -- expect: supabase/definer-function-exposed
returns void
language plpgsql
security definer
set search_path = public
as $$
begin
  with bonus(code, amount) as (values ('welcome', 10), ('birthday', 25))
  update public.profiles set points = points + b.amount
  from bonus b
  where b.code = p_code and id = p_user_id;
end;
$$;

-- the missing table joined in a later statement every call reaches: the reads of
-- profiles before it return nothing to the caller, and the call fails there
create or replace function public.gift_card_of_member(p_user_id uuid) -- ok: supabase/definer-function-exposed
returns table(full_name text, card_code text)
language plpgsql
security definer
set search_path = public
as $$
declare
  v_points integer;
begin
  select points into v_points from public.profiles where id = p_user_id;
  return query
  select p.full_name, gp.card_code
  from public.profiles p
  left join gift_card_pools gp on gp.brand_id = p.id
  where p.id = p_user_id;
end;
$$;

-- the same join only when asked: otherwise the first read answers with another
-- user's points
create or replace function public.points_or_gift_card(p_user_id uuid, p_cards boolean) -- expect: supabase/definer-function-exposed
returns integer
language plpgsql
security definer
set search_path = public
as $$
declare
  v_points integer;
begin
  select points into v_points from public.profiles where id = p_user_id;
  if p_cards then
    select count(*) into v_points from public.profiles p
    left join gift_card_pools gp on gp.brand_id = p.id
    where p.id = p_user_id;
  end if;
  return v_points;
end;
$$;
