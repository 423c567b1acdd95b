-- Storage for the writing app: avatars are public, documents and invoices are not
insert into storage.buckets (id, name, public) -- ok: supabase/public-bucket
values ('avatars', 'avatars', true)
on conflict (id) do nothing;

insert into storage.buckets (id, name, public) -- expect: supabase/public-bucket
values ('documents', 'documents', true), ('invoices', 'invoices', false)
on conflict (id) do nothing;

-- exports were public for a demo, and made private again below
insert into storage.buckets (id, name, public) values ('exports', 'exports', true); -- ok: supabase/public-bucket
update storage.buckets set public = false where id = 'exports';

create policy "Avatars are public" on storage.objects -- ok: supabase/public-bucket
  for select using (bucket_id = 'avatars');

create policy "Users can update avatars" on storage.objects -- expect: supabase/public-bucket
  for update to authenticated
  using (bucket_id = 'avatars');

create policy "Users upload their avatar" on storage.objects -- ok: supabase/public-bucket
  for insert to authenticated
  with check (bucket_id = 'avatars' and (storage.foldername(name))[1] = (select auth.uid())::text);

create policy "Signed-in users can read invoices" on storage.objects -- expect: supabase/public-bucket
  for select to authenticated
  using (bucket_id = 'invoices' and auth.role() = 'authenticated');

create policy "Users read their own invoices" on storage.objects -- ok: supabase/public-bucket
  for select to authenticated
  using (bucket_id = 'invoices' and (storage.foldername(name))[1] = (select auth.uid())::text);

create policy "Users delete their own documents" on storage.objects -- ok: supabase/public-bucket
  for delete to authenticated
  using (bucket_id = 'documents' and owner_id = (select auth.uid())::text);

-- the documents bucket publishes one folder of sample files on purpose
create policy "Anyone can read the sample documents" on storage.objects -- ok: supabase/public-bucket
  for select using (bucket_id = 'documents' and (storage.foldername(name))[1] = 'samples');

create policy "Signed-in users can delete samples" on storage.objects -- expect: supabase/public-bucket
  for delete to authenticated
  using (bucket_id = 'documents' and (storage.foldername(name))[1] = 'samples');

-- a folder named like its bucket pins nothing
create policy "Signed-in users read every invoice" on storage.objects -- expect: supabase/public-bucket
  for select to authenticated
  using (bucket_id = 'invoices' and (storage.foldername(name))[1] = 'invoices');
