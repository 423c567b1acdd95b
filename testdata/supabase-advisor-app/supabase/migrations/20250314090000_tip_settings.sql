-- The tip jar settings: one row, which a guard checks before each change. A call the
-- guard stops raises; every other call runs the update after it.
create table public.tip_settings (
  id uuid primary key default gen_random_uuid(),
  currency text not null default 'EUR',
  updated_by uuid
);
alter table public.tip_settings enable row level security;

-- past the guard, the update names a column the table never had: every call fails
create or replace function public.update_tip_settings(p_currency text default null, p_rounding text default null) -- ok: supabase/definer-function-exposed
returns boolean
language plpgsql
security definer
set search_path = public
as $$
declare
  v_id uuid;
begin
  select id into v_id from public.tip_settings limit 1;
  if v_id is null then
    raise exception 'tip settings not initialized';
  end if;
  update public.tip_settings
  set
    currency = coalesce(p_currency, currency),
    rounding = coalesce(p_rounding, rounding),
    updated_by = auth.uid()
  where id = v_id;
  return true;
end;
$$;

-- the same guard before an update the table allows: any caller changes the settings
create or replace function public.set_tip_currency(p_currency text) -- expect: supabase/definer-function-exposed
returns boolean
language plpgsql
security definer
set search_path = public
as $$
declare
  v_id uuid;
begin
  select id into v_id from public.tip_settings limit 1;
  if v_id is null then
    raise exception 'tip settings not initialized';
  end if;
  update public.tip_settings set currency = p_currency, updated_by = auth.uid() where id = v_id;
  return true;
end;
$$;
