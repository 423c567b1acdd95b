import time

import httpx
import jwt

DOCUSIGN_AUTH_SERVER = "account-d.docusign.com"
DOCUSIGN_BASE_PATH = "https://demo.docusign.net/restapi"
DOCUSIGN_INTEGRATION_KEY = "8c1f3a52-6e07-4b9d-a2f4-3d5e9b71c0a6"  # ok: secrets/hardcoded-credential
DOCUSIGN_USER_ID = "2f6b7d9e-41c3-4a85-9e12-b7c04d8a3f51"
DOCUSIGN_ACCOUNT_ID = "5d1c9e0a-7b34-4f2e-8a61-0c9d3e7f2b48"
# expect-next-line: secrets/hardcoded-credential
DOCUSIGN_PRIVATE_KEY = """-----BEGIN RSA PRIVATE KEY-----
MIIEpAIBAAKCAQEAuHp69+vsB6hbXXfuCD+6OumrPO0liTlYQGpF/UXKls74yEEf
erfH+8E1KU/XwLZJum6XbCiEzoy2eNl0UPZ5ynLlRv1/PPCD7zFCGSTMyy87qWv6
y3JAfFZW+erPrZ6t10Hk21qB31i6RBZgP/318AJWQIJeqGYaDfVYVF13XaGsLkih
D2Pcvf7mcL7Kt5rKFh6J4p//fXXqy/KDVI6RU7McjnusvmD5l3/pkjqCL0VMiulc
g5ckTtfB9X8P40DMe1pte9oLS0+z/CyPL/6ZuYI6qGN9Jr9ZnnT/t5khaBnLHkEh
Gz5XC3VtFjZGxW225CyAE4RDHCXWZ+BCaB7rVup+kFe8zeDn1BYyABr9m92XmoXl
6J+Y8TUr9QYtxegh4lt89dUpCQb26uKa1PwPaJ2plEMf2wy4drrVfKOcEmFENzPX
ek6v7qUJXPGRxS5pVNVnhDSFwc3v7PFrNT5AqY6GcVMJ332TvGa5VJ5rYa2I+gYi
6zJXN/pi2GcUHN559R5ayX0C2enx15zR0UWEyCGood11yMhJHSAkfBdZJlOOKtID
MjGl4pMrm4S01on918vvR7PeAa3Ak1d6gLOy55R1APax83TxmC6l5w4NQ25v31yl
oyUvvpPXPzW8py+IsPrF+BoQpgsBwShe+IVF8pSWgKQ8xGib2zs/QNwR/0cz3DYr
yeWTaZvVhKovzxHLEbOhySaSNfUfq8Yo81OFWidBYN85k73uNRmoaS7g9kcpuqwH
wAZjZuka3nsDqL9LH03S9WlWe/aH+txS
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
