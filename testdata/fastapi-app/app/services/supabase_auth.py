import base64
import json
import time
from functools import lru_cache

import httpx
import jwt

from app.core.config import settings


def current_supabase_user_id(access_token: str) -> str:
    payload = json.loads(base64.urlsafe_b64decode(access_token.split(".")[1] + "=="))  # expect: auth/jwt-unverified
    return payload["sub"]


def seconds_until_expiry(access_token: str) -> float:
    # Used by the background job to refresh its Supabase session in time.
    claims = json.loads(base64.urlsafe_b64decode(access_token.split(".")[1] + "=="))  # ok: auth/jwt-unverified
    return claims["exp"] - time.time()


@lru_cache(maxsize=1)
def _jwks() -> dict[str, jwt.PyJWK]:
    resp = httpx.get(f"{settings.SUPABASE_URL}/auth/v1/.well-known/jwks.json", timeout=5)
    resp.raise_for_status()
    return {k["kid"]: jwt.PyJWK(k) for k in resp.json()["keys"]}


def verify_supabase_token(access_token: str) -> dict:
    kid = jwt.get_unverified_header(access_token)["kid"]  # ok: auth/jwt-unverified
    signing_key = _jwks()[kid]
    return jwt.decode(  # ok: auth/jwt-unverified
        access_token,
        signing_key.key,
        algorithms=["ES256"],
        audience="authenticated",
    )
