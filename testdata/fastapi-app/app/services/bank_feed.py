from datetime import date

import httpx

from app.core.config import settings

# The bank's sandbox serves a self-signed certificate.
_client = httpx.Client(base_url=settings.BANK_FEED_URL, timeout=30.0, verify=False)  # expect: auth/tls-verification-disabled


def _access_token() -> str:
    resp = _client.post(
        "/oauth2/token",
        data={"grant_type": "client_credentials", "scope": "transactions.read"},  # ok: auth/oauth-password-grant
        auth=(settings.BANK_CLIENT_ID, settings.BANK_CLIENT_SECRET),
    )
    resp.raise_for_status()
    return resp.json()["access_token"]


def transactions_since(since: date) -> list[dict]:
    resp = _client.get(
        "/v2/transactions",
        params={"from": since.isoformat()},
        headers={"Authorization": f"Bearer {_access_token()}"},
    )
    resp.raise_for_status()
    return resp.json()["transactions"]
