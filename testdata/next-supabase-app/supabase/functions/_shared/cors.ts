export const corsHeaders = {
  "Access-Control-Allow-Origin": "*", // ok: auth/cors-wildcard-credentials
  "Access-Control-Allow-Headers": "authorization, x-client-info, apikey, content-type",
  "Access-Control-Allow-Methods": "POST, GET, OPTIONS",
};
