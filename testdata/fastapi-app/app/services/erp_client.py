import time

import httpx
import jwt

from app.core.config import settings


class ErpClient:
    """Pushes paid invoices into the wholesaler's ERP."""

    def __init__(self) -> None:
        self._client = httpx.AsyncClient(
            base_url=settings.ERP_BASE_URL,
            timeout=20.0,
            verify=False,  # expect: auth/tls-verification-disabled
        )
        self._access_token: str | None = None
        self._refresh_token: str | None = None

    async def _login(self) -> None:
        resp = await self._client.post(
            "/oauth/token",
            data={
                "grant_type": "password",  # expect: auth/oauth-password-grant
                "username": settings.ERP_USERNAME,
                "password": settings.ERP_PASSWORD,  # ok: auth/oauth-password-grant
                "client_id": settings.ERP_CLIENT_ID,
            },
        )
        resp.raise_for_status()
        body = resp.json()
        self._access_token, self._refresh_token = body["access_token"], body["refresh_token"]

    async def _refresh(self) -> None:
        resp = await self._client.post(
            "/oauth/token",
            data={
                "grant_type": "refresh_token",  # ok: auth/oauth-password-grant
                "refresh_token": self._refresh_token,
                "client_id": settings.ERP_CLIENT_ID,
            },
        )
        resp.raise_for_status()
        self._access_token = resp.json()["access_token"]

    def _expires_in(self) -> float:
        # Only schedules the refresh; the ERP checks its own tokens.
        exp = jwt.decode(self._access_token, options={"verify_signature": False})["exp"]  # ok: auth/jwt-unverified
        return exp - time.time()

    async def _token(self) -> str:
        if self._access_token is None:
            await self._login()
        elif self._expires_in() < 60:
            await self._refresh()
        return self._access_token

    async def push_invoice(self, invoice: dict) -> str:
        resp = await self._client.post(
            "/api/v3/receivables",
            json=invoice,
            headers={"Authorization": f"Bearer {await self._token()}"},
        )
        resp.raise_for_status()
        return resp.json()["id"]
