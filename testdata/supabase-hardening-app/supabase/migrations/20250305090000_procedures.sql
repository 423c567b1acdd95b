-- a definer procedure is run with CALL, not served by the Data API, but its search_path
-- still decides what its body's names resolve to
create or replace procedure public.archive_bookings(p_before timestamptz) -- expect: supabase/function-search-path
language plpgsql
security definer
as $$
begin
  delete from public.bookings where status = 'archived' and p_before < now();
end;
$$;

-- fixed below with alter procedure … set search_path
create or replace procedure public.purge_sessions() -- ok: supabase/function-search-path, supabase/definer-function-exposed
language plpgsql
security definer
as $$
begin
  delete from public.bookings where user_id is null;
end;
$$;

alter procedure public.purge_sessions() set search_path = '';
