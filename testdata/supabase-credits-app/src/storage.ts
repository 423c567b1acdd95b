import { createClient } from "@supabase/supabase-js";

const admin = createClient(process.env.SUPABASE_URL!, process.env.SUPABASE_SERVICE_ROLE_KEY!);
const RECEIPTS_BUCKET = "receipts";

export async function ensureBuckets() {
  await admin.storage.createBucket("avatars", { public: true }); // ok: supabase/public-bucket
  await admin.storage.createBucket(RECEIPTS_BUCKET, { public: true, fileSizeLimit: "5MB" }); // expect: supabase/public-bucket
  await admin.storage.createBucket("contracts", { public: false }); // ok: supabase/public-bucket
}
