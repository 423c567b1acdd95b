create table public.orgs (
  id uuid primary key default gen_random_uuid(),
  name text not null
);

create table public.projects (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.orgs (id),
  name text not null
);

create table public.invoices (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.orgs (id),
  amount_cents integer not null
);

alter table public.orgs enable row level security;
alter table public.projects enable row level security;
alter table public.invoices enable row level security;

do $$
begin
  create policy "projects are shared" on public.projects for select using (true); -- expect: tenant/rls-disabled
exception when duplicate_object then null;
end $$;
