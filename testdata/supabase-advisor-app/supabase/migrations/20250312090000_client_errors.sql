-- Errors the browser reports: anyone may append one, nobody reads them back through the API.
create table public.client_errors (
  id bigint generated always as identity primary key,
  message text not null,
  page text,
  created_at timestamptz not null default now()
);
alter table public.client_errors enable row level security;
create policy "anyone may report an error" on public.client_errors
  for insert to anon, authenticated with check (true);

-- appends to a table every role may already append to: it opens nothing more
create or replace function public.report_client_error(_message text, _page text) -- ok: supabase/definer-function-exposed
returns void
language plpgsql
security definer
set search_path = public
as $$
begin
  insert into public.client_errors (message, page) values (_message, _page);
end;
$$;

-- Feedback rows belong to their author: the insert policy checks the owner.
create table public.feedback (
  id bigint generated always as identity primary key,
  user_id uuid not null references auth.users,
  body text not null
);
alter table public.feedback enable row level security;
create policy "authors add their own feedback" on public.feedback
  for insert to authenticated with check (user_id = (select auth.uid()));

-- writes a row for whichever user the caller names, past that check
create or replace function public.add_feedback(_user uuid, _body text) -- expect: supabase/definer-function-exposed
returns void
language plpgsql
security definer
set search_path = public
as $$
begin
  insert into public.feedback (user_id, body) values (_user, _body);
end;
$$;

-- The conference's speakers, with their contact address: anon reads them by a policy
-- of its own, signed-in users by another.
create table public.speaker_cards (
  id bigint generated always as identity primary key,
  display_name text not null,
  contact_email text not null
);
alter table public.speaker_cards enable row level security;
create policy "visitors read speaker cards" on public.speaker_cards
  for select to anon using (true);
create policy "members read speaker cards" on public.speaker_cards
  for select using (auth.role() = 'authenticated');

-- counts rows both roles that may call it already read whole
create or replace function public.speaker_count() -- ok: supabase/definer-function-exposed
returns bigint
language sql
stable
security definer
set search_path = public
as $$
  select count(*) from public.speaker_cards
$$;
