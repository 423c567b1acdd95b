create table public.organizations (
  id uuid primary key default gen_random_uuid(),
  name text not null,
  subscription_tier text not null default 'free',
  seats integer not null default 3
);
create table public.organization_members (
  organization_id uuid not null references public.organizations(id) on delete cascade,
  user_id uuid not null references auth.users(id) on delete cascade,
  member_role text not null default 'member',
  primary key (organization_id, user_id)
);
alter table public.organizations enable row level security;
alter table public.organization_members enable row level security;

create or replace function public.is_org_owner(org uuid)
returns boolean
language sql stable security definer set search_path = public
as $$
  select exists (
    select 1 from public.organization_members m
    where m.organization_id = org and m.user_id = auth.uid() and m.member_role = 'owner'
  )
$$;

-- any user becomes the owner of an organization they create: the owner upgrades it
create policy "Owners can update their organization" on public.organizations -- expect: supabase/self-escalation
  for update to authenticated
  using (public.is_org_owner(id));

-- members read their own membership; a member may leave (delete) but not promote themselves
create policy "Members can view memberships" on public.organization_members
  for select using (user_id = auth.uid());
create policy "Members can leave" on public.organization_members
  for delete using (user_id = auth.uid());

-- membership rows: the role is pinned to 'member' on insert
create policy "Users can join as members" on public.organization_members -- ok: supabase/self-escalation
  for insert to authenticated
  with check (user_id = auth.uid() and member_role = 'member');
