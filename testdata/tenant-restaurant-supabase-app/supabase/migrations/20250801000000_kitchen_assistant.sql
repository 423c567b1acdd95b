-- The kitchen assistant's database tools, called by its edge function with the service
-- role only (execute revoked from the API's roles).

-- Runs whatever query it is handed: a SQL sink for its callers.
create or replace function public.run_kitchen_query(sql_query text)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  result jsonb;
begin
  execute format('select coalesce(jsonb_agg(t), ''[]''::jsonb) from (%s) t', sql_query) into result;
  return result;
end;
$$;

-- Binds its argument as a value: the query text is fixed.
create or replace function public.dish_by_name(p_name text)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  result jsonb;
begin
  execute 'select to_jsonb(d) from public.dishes d where d.name = $1' into result using p_name;
  return result;
end;
$$;

revoke all on function public.run_kitchen_query(text) from public, anon, authenticated;
revoke all on function public.dish_by_name(text) from public, anon, authenticated;
