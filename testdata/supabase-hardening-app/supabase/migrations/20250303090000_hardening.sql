-- Security Advisor hardening, as generators write it: loops over pg_proc
DO $$
DECLARE
  r RECORD;
BEGIN
  FOR r IN
    SELECT p.proname AS fn, pg_get_function_identity_arguments(p.oid) AS args
    FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
    WHERE n.nspname = 'public' AND p.prosecdef AND p.proname NOT LIKE 'report\_%'
  LOOP
    EXECUTE format('ALTER FUNCTION public.%I(%s) SET search_path = public', r.fn, r.args);
  END LOOP;
END $$;

DO $$
DECLARE
  fn_name text;
  fn_names text[] := ARRAY['purge_cancelled_bookings'];
  sig regprocedure;
BEGIN
  FOREACH fn_name IN ARRAY fn_names LOOP
    FOR sig IN SELECT p.oid::regprocedure FROM pg_proc p
      JOIN pg_namespace n ON n.oid = p.pronamespace
      WHERE n.nspname = 'public' AND p.proname = fn_name
    LOOP
      EXECUTE 'REVOKE EXECUTE ON FUNCTION ' || sig || ' FROM PUBLIC, anon, authenticated';
    END LOOP;
  END LOOP;
END $$;
