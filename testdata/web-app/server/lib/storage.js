import {
  CreateBucketCommand,
  GetObjectCommand,
  PutObjectAclCommand,
  PutObjectCommand,
  S3Client,
} from "@aws-sdk/client-s3";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";

const s3 = new S3Client({ region: process.env.AWS_REGION ?? "us-east-1" });
const BUCKET = process.env.S3_BUCKET;

// Product cover images are shown on the storefront, so they are uploaded public.
export async function uploadCover(productId, body, contentType) {
  await s3.send(
    new PutObjectCommand({
      Bucket: BUCKET,
      Key: `covers/${productId}.jpg`,
      Body: body,
      ContentType: contentType,
      ACL: "public-read", // expect: web/public-object-acl
    }),
  );
  return `https://${BUCKET}.s3.amazonaws.com/covers/${productId}.jpg`;
}

// The paid files themselves.
export async function uploadProductFile(productId, filename, body) {
  await s3.send(
    new PutObjectCommand({
      Bucket: BUCKET,
      Key: `products/${productId}/${filename}`,
      Body: body,
      ACL: "private", // ok: web/public-object-acl
      ServerSideEncryption: "AES256",
    }),
  );
}

export async function uploadInvoicePdf(orderId, pdf) {
  await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: `invoices/${orderId}.pdf`, Body: pdf, ContentType: "application/pdf" })); // ok: web/public-object-acl
}

// "Free sample" button in the creator dashboard.
export async function publishSample(key) {
  await s3.send(new PutObjectAclCommand({ Bucket: BUCKET, Key: key, ACL: "public-read" })); // expect: web/public-object-acl
}

// Creators get a bucket for bulk exports that the import tool writes back into.
export async function createExportBucket(name) {
  await s3.send(new CreateBucketCommand({ Bucket: name, ACL: "public-read-write" })); // expect: web/public-object-acl
}

// Download button on the order page.
export function downloadUrl(key) {
  return getSignedUrl(s3, new GetObjectCommand({ Bucket: BUCKET, Key: key }), { expiresIn: 3600 }); // ok: web/public-object-acl
}

// Gift purchases: the recipient gets a link by email and may open it weeks later.
export function giftDownloadUrl(key) {
  return getSignedUrl(s3, new GetObjectCommand({ Bucket: BUCKET, Key: key }), {
    expiresIn: 60 * 60 * 24 * 30, // expect: web/public-object-acl
  });
}

// Weekly sales report for creators: exactly the 7-day maximum.
export function weeklyReportUrl(key) {
  return getSignedUrl(s3, new GetObjectCommand({ Bucket: BUCKET, Key: key }), {
    expiresIn: 60 * 60 * 24 * 7, // ok: web/public-object-acl
  });
}
