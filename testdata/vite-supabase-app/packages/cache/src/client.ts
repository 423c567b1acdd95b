import { createClient } from "redis";

// Runs in the API server and workers, never in the browser.
export const redis = createClient({ url: process.env.REDIS_URL }); // ok: secrets/client-exposed-secret
