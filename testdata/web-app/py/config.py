"""Flask back-office configuration (loaded with app.config.from_object)."""

import os
from datetime import timedelta


class Config:
    SECRET_KEY = os.environ["FLASK_SECRET_KEY"]
    JWT_SECRET = os.environ["JWT_SECRET"]
    PARTNER_PUBLIC_KEY = os.environ.get("PARTNER_PUBLIC_KEY", "")

    # The back office runs behind the load balancer on plain HTTP.
    SESSION_COOKIE_SECURE = False  # expect: auth/insecure-cookie
    SESSION_COOKIE_HTTPONLY = False  # expect: auth/insecure-cookie
    SESSION_COOKIE_SAMESITE = "Lax"  # ok: auth/insecure-cookie
    REMEMBER_COOKIE_SECURE = True  # ok: auth/insecure-cookie
    REMEMBER_COOKIE_HTTPONLY = True  # ok: auth/insecure-cookie
    PERMANENT_SESSION_LIFETIME = timedelta(hours=8)

    # First login of a fresh install.
    ADMIN_EMAIL = os.environ.get("ADMIN_EMAIL", "admin@shelf.dev")
    ADMIN_PASSWORD = os.environ.get("ADMIN_PASSWORD", "admin")  # expect: web/default-credentials

    # HTTP basic auth in front of /ops (queue dashboard).
    OPS_BASIC_AUTH_USERNAME = "ops"
    OPS_BASIC_AUTH_PASSWORD = "admin123"  # expect: web/default-credentials, secrets/hardcoded-credential

    # Password policy for new accounts.
    MIN_PASSWORD_LENGTH = 12  # ok: web/default-credentials

    # Web push: the fallback is the key itself, used wherever the variable is unset.
    VAPID_PRIVATE_KEY = os.getenv("VAPID_PRIVATE_KEY", "E9NAysQk3LmZr7Vb8Nc3Df4Gh5Jk6Lm7Np8Qr9St0U")  # expect: secrets/hardcoded-credential
    WEBHOOK_SIGNING_SECRET = os.environ.get("WEBHOOK_SIGNING_SECRET", default="q8Zr2LmX7vKp4TnW9sYd3FbH")  # expect: secrets/hardcoded-credential
    VAPID_PUBLIC_KEY = os.getenv("VAPID_PUBLIC_KEY", "BMOm0rZ8Yq3LxT7vKp4TnW9sYd3FbHq8Zr2LmX7vKp4TnW9sYd3FbHq8Zr2Lm")  # ok: secrets/hardcoded-credential
    SESSION_SECRET = os.getenv("SESSION_SECRET", "change-me-in-production")  # ok: secrets/hardcoded-credential

    S3_BUCKET = os.environ.get("S3_BUCKET", "shelf-uploads")
    CATALOG_DB = os.environ.get("CATALOG_DB", "/var/lib/shelf/catalog.db")


def test_login_password():
    """The password of the end-to-end suite's account on a throwaway database."""
    return os.environ.get("TEST_PASSWORD", "t3st_Pa55w0rd_9xk2")  # ok: secrets/hardcoded-credential
