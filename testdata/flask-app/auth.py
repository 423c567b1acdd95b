import secrets
import time
from functools import wraps
from urllib.parse import quote

import requests
from authlib.integrations.flask_client import OAuth
from authlib.integrations.requests_client import OAuth2Session
from flask import Blueprint, current_app, g, jsonify, redirect, request, url_for
from jose import jwt as jose_jwt
from jose.exceptions import JWTError

auth_bp = Blueprint("auth", __name__, url_prefix="/auth")
oauth = OAuth()

SSO_ISSUER = "https://sso.acme-identity.com"
SSO_AUDIENCE = "bookly-api"

oauth.register(
    name="acme",
    server_metadata_url=f"{SSO_ISSUER}/.well-known/openid-configuration",
    client_kwargs={"scope": "openid email profile", "code_challenge_method": "S256"},
)

_jwks_cache: dict | None = None


def _jwks() -> dict:
    global _jwks_cache
    if _jwks_cache is None:
        resp = requests.get(f"{SSO_ISSUER}/.well-known/jwks.json", timeout=5)
        resp.raise_for_status()
        _jwks_cache = resp.json()
    return _jwks_cache


def decode_sso_token(token: str) -> dict:
    header = jose_jwt.get_unverified_header(token)  # ok: auth/jwt-unverified
    key = next(k for k in _jwks()["keys"] if k["kid"] == header["kid"])
    return jose_jwt.decode(token, key, algorithms=["RS256"], audience=SSO_AUDIENCE, issuer=SSO_ISSUER)  # ok: auth/jwt-unverified


def login_required(view):
    @wraps(view)
    def wrapper(*args, **kwargs):
        token = request.headers.get("Authorization", "").removeprefix("Bearer ")
        try:
            g.user = decode_sso_token(token)
        except (JWTError, StopIteration):
            return jsonify(error="unauthorized"), 401
        return view(*args, **kwargs)

    return wrapper


def embed_user() -> dict:
    # Partner sites embed the booking page and forward their own session token.
    token = request.headers["X-Embed-Token"]
    claims = jose_jwt.get_unverified_claims(token)  # expect: auth/jwt-unverified
    return {"user_id": claims["sub"], "email": claims["email"]}


def mobile_user() -> dict:
    token = request.headers.get("Authorization", "").removeprefix("Bearer ")
    return jose_jwt.decode(token, "", options={"verify_signature": False})  # expect: auth/jwt-unverified


def widget_session(token: str) -> dict:
    jose_jwt.decode(token, current_app.config["JWT_SECRET_KEY"], algorithms=["HS256"])  # ok: auth/jwt-unverified
    claims = jose_jwt.get_unverified_claims(token)  # ok: auth/jwt-unverified
    return {"user_id": claims["sub"], "locale": claims.get("locale", "en")}


@auth_bp.get("/login")
def login():
    return oauth.acme.authorize_redirect(url_for("auth.callback", _external=True))


@auth_bp.get("/callback")
def callback():
    token = oauth.acme.authorize_access_token()
    return jsonify(access_token=token["access_token"], expires_in=token["expires_in"])


@auth_bp.get("/login/popup")
def login_popup():
    # The popup hands the access token straight back to the opener window.
    return oauth.acme.authorize_redirect(
        url_for("auth.popup_done", _external=True),
        response_type="token",  # expect: auth/oauth-implicit-flow
    )


@auth_bp.get("/login/widget")
def widget_login():
    nonce = secrets.token_urlsafe(16)
    callback_url = quote(url_for("auth.widget_done", _external=True), safe="")
    return redirect(
        f"{SSO_ISSUER}/oauth2/authorize?client_id=bookly-widget&response_type=id_token+token"  # expect: auth/oauth-implicit-flow
        f"&redirect_uri={callback_url}&scope=openid%20email&nonce={nonce}"
    )


@auth_bp.get("/login/partner")
def partner_login():
    state = secrets.token_urlsafe(16)
    return redirect(
        f"{SSO_ISSUER}/oauth2/authorize?client_id=bookly-partners&response_type=code&state={state}"  # ok: auth/oauth-implicit-flow
        f"&redirect_uri={quote(url_for('auth.callback', _external=True), safe='')}"
    )


class PosTokenCache:
    """Access token for the venue's point-of-sale system."""

    def __init__(self) -> None:
        self._token: str | None = None

    def _fetch(self) -> str:
        cfg = current_app.config
        body = {
            "client_id": cfg["POS_CLIENT_ID"],
            "username": cfg["POS_USERNAME"],
            "password": cfg["POS_PASSWORD"],  # ok: auth/oauth-password-grant
        }
        body["grant_type"] = "password"  # expect: auth/oauth-password-grant
        resp = requests.post(cfg["POS_TOKEN_URL"], data=body, timeout=10)
        resp.raise_for_status()
        return resp.json()["access_token"]

    def get(self) -> str:
        # Only the expiry is read, to know when to fetch a new token.
        if self._token is None or jose_jwt.get_unverified_claims(self._token)["exp"] < time.time() + 30:  # ok: auth/jwt-unverified
            self._token = self._fetch()
        return self._token


pos_tokens = PosTokenCache()


def calendar_session(username: str, password: str) -> OAuth2Session:
    client = OAuth2Session(client_id="bookly-calendar", scope="calendar.write")
    client.fetch_token(
        "https://calendar.bookly-partners.com/oauth/token",
        grant_type="password",  # expect: auth/oauth-password-grant
        username=username,
        password=password,
    )
    return client


def reports_session() -> OAuth2Session:
    client = OAuth2Session(
        client_id="bookly-reports",
        client_secret=current_app.config.get("REPORTS_CLIENT_SECRET"),  # ok: secrets/hardcoded-credential
    )
    client.fetch_token(
        "https://reports.bookly-partners.com/oauth/token",
        grant_type="client_credentials",  # ok: auth/oauth-password-grant
    )
    return client
