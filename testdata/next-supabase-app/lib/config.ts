export const appConfig = {
  siteName: "TaskNest",
  siteUrl: process.env.NEXT_PUBLIC_SITE_URL ?? "http://localhost:3000",
  sessionSecret: "wtynVSd8JEwT29sARaXXm4nh30AogAY8", // expect: secrets/hardcoded-credential
  sessionCookieName: "tasknest-session", // ok: secrets/hardcoded-credential
  jwtSecret: process.env.SUPABASE_JWT_SECRET ?? "", // ok: secrets/hardcoded-credential
  resendApiKey: "", // ok: secrets/hardcoded-credential
  statusPageToken: "9e1c4b7a-2f3d-4e8a-b5c6-7d0f1a2b3c4d", // ok: secrets/hardcoded-credential
  mapboxToken: "your-mapbox-token", // ok: secrets/hardcoded-credential
  // The FX rates API's free tier takes the literal key "demo".
  fxRatesApiKey: "demo", // ok: secrets/hardcoded-credential
  inviteTokenTtlHours: 48,
  smtp: {
    host: "smtp.postmarkapp.com",
    port: 587,
    user: "notifications@tasknest.io",
    password: "49WhMQwM4PLpnT", // expect: secrets/hardcoded-credential
  },
  supportEmail: "support@tasknest.io",
};
