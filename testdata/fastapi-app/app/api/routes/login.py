import secrets
from datetime import timedelta
from typing import Annotated
from urllib.parse import urlencode

import httpx
from fastapi import APIRouter, Depends, HTTPException
from fastapi.responses import RedirectResponse
from fastapi.security import OAuth2PasswordRequestForm  # ok: auth/oauth-password-grant

from app import crud
from app.api.deps import CurrentUser, SessionDep
from app.core import security
from app.core.config import settings
from app.models import Token, UserPublic

router = APIRouter(tags=["login"])

# state -> PKCE verifier, for the SSO round trip
_pending_sso: dict[str, str] = {}


@router.post("/login/access-token")
def login_access_token(
    session: SessionDep,
    form_data: Annotated[OAuth2PasswordRequestForm, Depends()],  # ok: auth/oauth-password-grant
) -> Token:
    user = crud.authenticate(session=session, email=form_data.username, password=form_data.password)
    if not user or not user.is_active:
        raise HTTPException(status_code=400, detail="Incorrect email or password")
    access_token_expires = timedelta(minutes=settings.ACCESS_TOKEN_EXPIRE_MINUTES)
    return Token(access_token=security.create_access_token(user.id, expires_delta=access_token_expires))


@router.get("/login/me", response_model=UserPublic)
def read_me(current_user: CurrentUser) -> UserPublic:
    return UserPublic.model_validate(current_user)


@router.get("/login/sso")
def sso_login() -> RedirectResponse:
    state = secrets.token_urlsafe(24)
    verifier = secrets.token_urlsafe(64)
    _pending_sso[state] = verifier
    params = {
        "client_id": settings.SSO_CLIENT_ID,
        "response_type": "code",  # ok: auth/oauth-implicit-flow
        "redirect_uri": f"{settings.API_BASE_URL}{settings.API_V1_STR}/login/sso/callback",
        "scope": "openid email profile",
        "state": state,
        "code_challenge": security.pkce_challenge(verifier),
        "code_challenge_method": "S256",
    }
    return RedirectResponse(f"{settings.SSO_ISSUER}/authorize?{urlencode(params)}")


@router.get("/login/sso/callback")
def sso_callback(code: str, state: str, session: SessionDep) -> RedirectResponse:
    verifier = _pending_sso.pop(state, None)
    if verifier is None:
        raise HTTPException(status_code=400, detail="Unknown login attempt")
    resp = httpx.post(
        f"{settings.SSO_ISSUER}/oauth/token",
        data={
            "grant_type": "authorization_code",  # ok: auth/oauth-password-grant
            "code": code,
            "code_verifier": verifier,
            "redirect_uri": f"{settings.API_BASE_URL}{settings.API_V1_STR}/login/sso/callback",
            "client_id": settings.SSO_CLIENT_ID,
        },
        auth=(settings.SSO_CLIENT_ID, settings.SSO_CLIENT_SECRET),
        timeout=10,
    )
    resp.raise_for_status()
    userinfo = httpx.get(
        f"{settings.SSO_ISSUER}/userinfo",
        headers={"Authorization": f"Bearer {resp.json()['access_token']}"},
        timeout=10,
    ).json()
    user = crud.get_user_by_email(session=session, email=userinfo["email"])
    if not user or not user.is_active:
        raise HTTPException(status_code=400, detail="No active account for this login")
    token = security.create_access_token(user.id, timedelta(minutes=settings.ACCESS_TOKEN_EXPIRE_MINUTES))  # ok: auth/oauth-implicit-flow
    response = RedirectResponse(f"{settings.FRONTEND_HOST}/dashboard")
    response.set_cookie(
        "session",
        token,
        max_age=settings.ACCESS_TOKEN_EXPIRE_MINUTES * 60,
        httponly=True,
        secure=True,
        samesite="lax",
    )
    return response


@router.get("/login/sso/popup-url")
def sso_popup_url() -> dict[str, str]:
    # The popup posts the access token back to the opener window.
    params = {
        "client_id": settings.SSO_CLIENT_ID,
        "response_type": "token",  # expect: auth/oauth-implicit-flow
        "redirect_uri": f"{settings.FRONTEND_HOST}/auth/popup-callback",
        "scope": "openid email",
        "nonce": secrets.token_urlsafe(16),
    }
    return {"url": f"{settings.SSO_ISSUER}/authorize?{urlencode(params)}"}


@router.get("/login/microsoft")
def microsoft_login() -> RedirectResponse:
    nonce = secrets.token_urlsafe(16)
    url = (
        "https://login.microsoftonline.com/common/oauth2/v2.0/authorize"
        f"?client_id={settings.MS_CLIENT_ID}&response_type=id_token%20token"  # expect: auth/oauth-implicit-flow
        f"&redirect_uri={settings.FRONTEND_HOST}/auth/microsoft"
        f"&scope=openid%20profile%20email&response_mode=fragment&nonce={nonce}"
    )
    return RedirectResponse(url)


@router.get("/login/google-drive/connect")
def google_drive_connect(current_user: CurrentUser) -> dict[str, str]:
    url = (
        "https://accounts.google.com/o/oauth2/v2/auth?client_id=acme-invoicing.apps.googleusercontent.com"
        "&response_type=token&scope=https://www.googleapis.com/auth/drive.file"  # expect: auth/oauth-implicit-flow
        f"&redirect_uri={settings.FRONTEND_HOST}/settings/drive&login_hint={current_user.email}"
    )
    return {"url": url}
