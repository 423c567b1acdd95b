import boto3

AWS_REGION = "eu-west-1"
AWS_ACCESS_KEY_ID = "AKIANPJATDDPOSXKYJOQ"  # ok: secrets/hardcoded-credential
AWS_SECRET_ACCESS_KEY = "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"  # expect: secrets/hardcoded-credential
INVOICE_BUCKET = "acme-invoicing-pdfs"

s3 = boto3.client(
    "s3",
    region_name=AWS_REGION,
    aws_access_key_id=AWS_ACCESS_KEY_ID,
    aws_secret_access_key=AWS_SECRET_ACCESS_KEY,
)


def upload_invoice_pdf(key: str, pdf: bytes) -> None:
    s3.put_object(Bucket=INVOICE_BUCKET, Key=key, Body=pdf, ContentType="application/pdf")


def invoice_download_url(key: str) -> str:
    return s3.generate_presigned_url(
        "get_object",
        Params={"Bucket": INVOICE_BUCKET, "Key": key},
        ExpiresIn=900,
    )
