-- Background jobs: pg_cron posts to the workers (guarded, as a database without the
-- pg_cron extension has no `cron` schema).
do $do$
begin
  if exists (select 1 from pg_namespace where nspname = 'cron') then
    perform cron.schedule(
      'order-reminders',
      '*/5 * * * *',
      $job$
      select net.http_post(
        url := 'https://project.supabase.co/functions/v1/reminder-worker',
        headers := '{"Content-Type": "application/json"}'::jsonb
      );
      $job$
    );
    perform cron.schedule(
      'house-specials',
      '0 6 * * *',
      $job$ select net.http_post(url := 'https://project.supabase.co/functions/v1/house-specials'); $job$
    );
  end if;
end $do$;
