-- Background jobs: pg_cron posts to the workers every few minutes.
select cron.schedule(
  'order-reminders',
  '*/5 * * * *',
  $$
  select net.http_post(
    url := 'https://project.supabase.co/functions/v1/reminder-worker',
    headers := '{"Content-Type": "application/json"}'::jsonb
  );
  $$
);

select cron.schedule(
  'house-specials',
  '0 6 * * *',
  $$ select net.http_post(url := 'https://project.supabase.co/functions/v1/house-specials'); $$
);
