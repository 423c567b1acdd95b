-- Tip jars: a later change renamed a column and dropped another. Functions written
-- before it still name the old columns; PL/pgSQL checks them only when a call runs the
-- statement, and then every call fails with "column does not exist" and undoes what
-- it did before.
create table public.tip_jars (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references auth.users (id),
  tips integer not null default 0,
  note text
);
alter table public.tip_jars enable row level security;
create policy "Own tip jar" on public.tip_jars
  for select to authenticated using (user_id = (select auth.uid()));

alter table public.tip_jars rename column tips to tip_cents;
alter table public.tip_jars drop column note;

-- the insert names the column by its old name
create or replace function public.open_tip_jar(p_user_id uuid) -- ok: supabase/definer-function-exposed
returns void
language plpgsql
security definer
set search_path = public
as $$
begin
  insert into public.tip_jars (user_id, tips) values (p_user_id, 0);
end;
$$;

-- the rows of the first query are returned only if the second, which reads the
-- dropped column through its alias, runs too
create or replace function public.tip_jar_notes(p_user_id uuid) -- ok: supabase/definer-function-exposed
returns table (id uuid, note text)
language plpgsql
security definer
set search_path = public
as $$
begin
  return query select j.id, null::text from public.tip_jars j where j.user_id = p_user_id;
  return query select j.id, j.note from public.tip_jars j where j.user_id = p_user_id;
end;
$$;

-- the columns as they are now: any user's jar changes
create or replace function public.add_tip(p_user_id uuid, p_cents integer) -- expect: supabase/definer-function-exposed
returns void
language plpgsql
security definer
set search_path = public
as $$
begin
  update public.tip_jars set tip_cents = tip_cents + p_cents where user_id = p_user_id;
end;
$$;

-- the old name only behind a branch: the second update runs whenever p_legacy is false
create or replace function public.empty_tip_jar(p_user_id uuid, p_legacy boolean) -- expect: supabase/definer-function-exposed
returns void
language plpgsql
security definer
set search_path = public
as $$
begin
  if p_legacy then
    update public.tip_jars set tips = 0 where user_id = p_user_id;
  end if;
  update public.tip_jars j set tip_cents = 0 where j.user_id = p_user_id;
end;
$$;
