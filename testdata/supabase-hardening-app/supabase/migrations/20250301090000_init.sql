create table public.bookings (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references auth.users,
  status text not null default 'pending'
);
alter table public.bookings enable row level security;

-- run by the nightly job only: revoked from the API by the loop over names
create or replace function public.purge_cancelled_bookings() -- ok: supabase/definer-function-exposed, supabase/function-search-path
returns void
language sql
security definer
as $$
  delete from public.bookings where status = 'cancelled';
$$;

-- the same, not in the loop's list: any caller can run it
create or replace function public.purge_pending_bookings() -- expect: supabase/definer-function-exposed
returns void
language sql
security definer
as $$
  delete from public.bookings where status = 'pending';
$$;

-- left out of the search_path loop by its NOT LIKE filter
create or replace function public.report_open_bookings() -- expect: supabase/function-search-path
returns bigint
language sql
security definer
as $$
  select count(*) from public.bookings where user_id = auth.uid();
$$;

-- reached by the loop: its search_path is set
create or replace function public.my_booking_count() -- ok: supabase/function-search-path, supabase/definer-function-exposed
returns bigint
language sql
security definer
as $$
  select count(*) from public.bookings where user_id = auth.uid();
$$;
