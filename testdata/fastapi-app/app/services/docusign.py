import time

import httpx
import jwt

DOCUSIGN_AUTH_SERVER = "account-d.docusign.com"
DOCUSIGN_BASE_PATH = "https://demo.docusign.net/restapi"
DOCUSIGN_INTEGRATION_KEY = "@@docusign_uuid@@"  # ok: secrets/hardcoded-credential
DOCUSIGN_USER_ID = "@@docusign_user@@"
DOCUSIGN_ACCOUNT_ID = "5d1c9e0a-7b34-4f2e-8a61-0c9d3e7f2b48"
# expect-next-line: secrets/hardcoded-credential
DOCUSIGN_PRIVATE_KEY = """-----BEGIN RSA PRIVATE KEY-----
@@pem_rsa@@
-----END RSA PRIVATE KEY-----
"""


def _assertion() -> str:
    now = int(time.time())
    claims = {
        "iss": DOCUSIGN_INTEGRATION_KEY,
        "sub": DOCUSIGN_USER_ID,
        "aud": DOCUSIGN_AUTH_SERVER,
        "iat": now,
        "exp": now + 3600,
        "scope": "signature impersonation",
    }
    return jwt.encode(claims, DOCUSIGN_PRIVATE_KEY, algorithm="RS256")


def access_token() -> str:
    resp = httpx.post(
        f"https://{DOCUSIGN_AUTH_SERVER}/oauth/token",
        data={
            "grant_type": "urn:ietf:params:oauth:grant-type:jwt-bearer",  # ok: auth/oauth-password-grant
            "assertion": _assertion(),
        },
        timeout=15,
    )
    resp.raise_for_status()
    return resp.json()["access_token"]


def send_for_signature(envelope: dict) -> str:
    resp = httpx.post(
        f"{DOCUSIGN_BASE_PATH}/v2.1/accounts/{DOCUSIGN_ACCOUNT_ID}/envelopes",
        json=envelope,
        headers={"Authorization": f"Bearer {access_token()}"},
        timeout=30,
    )
    resp.raise_for_status()
    return resp.json()["envelopeId"]
