import { PutObjectCommand, S3Client } from "@aws-sdk/client-s3";

// Proof-of-delivery photos.
export const s3 = new S3Client({
  region: "eu-central-1",
  credentials: {
    accessKeyId: "AKIAOCQ3GJH4VPPLEXYQ", // ok: secrets/hardcoded-credential
    secretAccessKey: "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", // expect: secrets/hardcoded-credential
  },
});

export const archiveS3 = new S3Client({
  region: "eu-central-1",
  credentials: {
    accessKeyId: process.env.ARCHIVE_AWS_ACCESS_KEY_ID,
    secretAccessKey: process.env.ARCHIVE_AWS_SECRET_ACCESS_KEY, // ok: secrets/hardcoded-credential
  },
});

export async function uploadProofOfDelivery(shipmentId, jpeg) {
  await s3.send(
    new PutObjectCommand({
      Bucket: "shiptrack-pod-photos",
      Key: `pod/${shipmentId}.jpg`,
      Body: jpeg,
      ContentType: "image/jpeg",
    }),
  );
}
