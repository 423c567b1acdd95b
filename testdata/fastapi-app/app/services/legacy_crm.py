from urllib.parse import quote

import httpx

from app.core.config import settings


def crm_access_token() -> str:
    body = (
        f"grant_type=password&username={quote(settings.CRM_USERNAME)}"  # expect: auth/oauth-password-grant
        f"&password={quote(settings.CRM_PASSWORD)}&client_id=acme-invoicing"
    )
    resp = httpx.post(
        f"{settings.CRM_BASE_URL}/oauth/token",
        content=body,
        headers={"Content-Type": "application/x-www-form-urlencoded"},
        verify="/etc/ssl/certs/ca-certificates.crt",  # ok: auth/tls-verification-disabled
        timeout=10,
    )
    resp.raise_for_status()
    return resp.json()["access_token"]


async def sync_contacts(updated_since: str) -> list[dict]:
    async with httpx.AsyncClient(base_url=settings.CRM_BASE_URL, verify=settings.VERIFY_SSL) as client:  # ok: auth/tls-verification-disabled
        resp = await client.get(
            "/api/contacts",
            params={"updated_since": updated_since},
            headers={"Authorization": f"Bearer {crm_access_token()}"},
        )
        resp.raise_for_status()
        return resp.json()["contacts"]
