import "server-only";

import { createClient } from "@supabase/supabase-js";

// Server-side only: the service-role key never reaches the browser.
const storageAdmin = createClient(process.env.SUPABASE_URL!, process.env.SUPABASE_SERVICE_ROLE_KEY!, {
  auth: { persistSession: false },
});

const FILES_BUCKET = "product-files";
const PREVIEWS_BUCKET = "product-previews";

// Called from `npm run setup:storage`.
export async function ensureBuckets() {
  await storageAdmin.storage.createBucket(FILES_BUCKET, { public: false }); // ok: supabase/public-bucket
  // Judgement call: a public Supabase bucket serves every object to anyone with the path.
  await storageAdmin.storage.createBucket(PREVIEWS_BUCKET, { public: true, fileSizeLimit: "5MB" }); // ok: supabase/public-bucket
}

// Download button on the order page.
export async function signedDownloadUrl(path: string) {
  const { data, error } = await storageAdmin.storage.from(FILES_BUCKET).createSignedUrl(path, 60 * 60); // ok: web/public-object-acl
  if (error) throw error;
  return data.signedUrl;
}

// Link in the receipt email: "download any time in the next year".
export async function receiptDownloadUrl(path: string) {
  const { data, error } = await storageAdmin.storage.from(FILES_BUCKET).createSignedUrl(path, 60 * 60 * 24 * 365); // expect: web/public-object-acl
  if (error) throw error;
  return data.signedUrl;
}

// Press kit shared with reviewers.
export async function pressKitUrls(paths: string[]) {
  const { data, error } = await storageAdmin.storage.from(FILES_BUCKET).createSignedUrls(paths, 2592000); // expect: web/public-object-acl
  if (error) throw error;
  return data.map((d) => d.signedUrl);
}

// Short-lived upload URL for the creator dashboard.
export async function uploadUrl(path: string) {
  const { data, error } = await storageAdmin.storage.from(FILES_BUCKET).createSignedUploadUrl(path); // ok: web/public-object-acl
  if (error) throw error;
  return data;
}
