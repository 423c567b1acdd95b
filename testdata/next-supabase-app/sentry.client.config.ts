import * as Sentry from "@sentry/nextjs";

Sentry.init({
  dsn: process.env.NEXT_PUBLIC_SENTRY_DSN, // ok: secrets/client-exposed-secret
  tracesSampleRate: 0.1,
  replaysOnErrorSampleRate: 1.0,
});
