-- Media of the marketing site that admins publish through the CMS: public by design.
insert into storage.buckets (id, name, public) -- ok: supabase/public-bucket
values ('cms-videos', 'cms-videos', true), ('hero-backgrounds', 'hero-backgrounds', true)
on conflict (id) do nothing;

create policy "Site videos are public" on storage.objects -- ok: supabase/public-bucket
  for select using (bucket_id = 'cms-videos');

-- but any signed-in writer may replace them
create policy "Signed-in users can replace site videos" on storage.objects -- expect: supabase/public-bucket
  for update to authenticated using (bucket_id = 'cms-videos');

-- Recordings of writers' coaching calls: not the site's.
insert into storage.buckets (id, name, public) -- expect: supabase/public-bucket
values ('call-recordings', 'call-recordings', true)
on conflict (id) do nothing;
