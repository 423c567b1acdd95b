import jwt
from jwt import InvalidTokenError

__all__ = ["InvalidTokenError", "partner_claims"]

# ok-next-line: secrets/hardcoded-credential
PARTNER_JWT_PUBLIC_KEY = """-----BEGIN PUBLIC KEY-----
@@pem_pub@@
-----END PUBLIC KEY-----
"""


def partner_claims(token: str) -> dict:
    return jwt.decode(  # ok: auth/jwt-unverified
        token,
        PARTNER_JWT_PUBLIC_KEY,
        algorithms=["RS256"],
        audience="acme-invoicing",
        issuer="https://partners.acme-invoicing.com",
    )
