// Shared with the customer dashboard (Create React App) and the driver app (Expo),
// which read the same .env file.
export const config = {
  apiUrl: process.env.REACT_APP_API_URL ?? "http://localhost:4000", // ok: secrets/client-exposed-secret
  webhookSigningSecret: process.env.REACT_APP_WEBHOOK_SIGNING_SECRET, // expect: secrets/client-exposed-secret
  driverAppOpenAiKey: process.env.EXPO_PUBLIC_OPENAI_API_KEY, // expect: secrets/client-exposed-secret
  driverAppSupabaseAnonKey: process.env.EXPO_PUBLIC_SUPABASE_ANON_KEY, // ok: secrets/client-exposed-secret
  stripeSecretKey: process.env.STRIPE_SECRET_KEY, // ok: secrets/client-exposed-secret
  supabaseServiceRoleKey: process.env.SUPABASE_SERVICE_ROLE_KEY, // ok: secrets/client-exposed-secret
};
