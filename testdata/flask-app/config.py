import os
from datetime import timedelta

basedir = os.path.abspath(os.path.dirname(__file__))


class Config:
    SECRET_KEY = "gPM0^cXGmNF5qTI1C)8gb^0_%^)Y*SJe^lB6P^-WmWi4TcA!cA"  # expect: secrets/hardcoded-credential
    SQLALCHEMY_DATABASE_URI = os.environ.get(
        "DATABASE_URL", "postgresql://postgres:postgres@localhost:5432/bookly"  # ok: secrets/hardcoded-credential
    )
    SQLALCHEMY_TRACK_MODIFICATIONS = False

    SESSION_COOKIE_SECURE = True
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    PERMANENT_SESSION_LIFETIME = timedelta(days=7)

    JWT_SECRET_KEY = os.environ["JWT_SECRET_KEY"]  # ok: secrets/hardcoded-credential
    JWT_ALGORITHM = "HS256"
    JWT_ACCESS_TOKEN_EXPIRES = timedelta(hours=1)
    PASSWORD_RESET_SALT = "password-reset"  # ok: secrets/hardcoded-credential

    MAIL_SERVER = "smtp.mailgun.org"
    MAIL_PORT = 587
    MAIL_USE_TLS = True
    MAIL_USERNAME = "postmaster@mg.bookly.app"
    MAIL_PASSWORD = "Wq7!6hYLz&ZG"  # expect: secrets/hardcoded-credential
    REDIS_PASSWORD = os.getenv("REDIS_PASSWORD", "")  # ok: secrets/hardcoded-credential

    OPENAI_API_KEY = "sk-URMcJkluMPjm9152xyCITildzHD5LvSUmY1nW211btmZ8aCE"  # expect: secrets/hardcoded-credential
    STRIPE_PUBLISHABLE_KEY = "pk_live_51PcKDj66arZ0KMXf07nBufk1GmOqbCeyrMeMvqUfAJ3rNCRKKwI6QoAPe7eJN"  # ok: secrets/hardcoded-credential
    STRIPE_SECRET_KEY = os.environ.get("STRIPE_SECRET_KEY", "sk_test_51mt8HbFS59jiY7MRD3eGRnpfc7XxzsT8a4fBSNb1nkRvRysaYMSRXMqJ48ekE")  # ok: secrets/hardcoded-credential

    CORS_ORIGINS = ["https://bookly.app", "https://www.bookly.app"]
    CA_BUNDLE = os.getenv("REQUESTS_CA_BUNDLE", "/etc/ssl/certs/ca-certificates.crt")

    VENUE_API_URL = "https://api.venuehub.io/v1"
    POS_API_URL = "https://pos.bookly-partners.com"
    POS_TOKEN_URL = "https://pos.bookly-partners.com/oauth/token"
    POS_CLIENT_ID = "bookly"
    POS_USERNAME = "bookly-sync"
    POS_PASSWORD = os.getenv("POS_PASSWORD")  # ok: secrets/hardcoded-credential
    CALENDAR_API_URL = "https://calendar.bookly-partners.com"

    OAUTH_PROVIDERS = {
        "google": {
            "client_id": os.getenv("GOOGLE_CLIENT_ID"),
            "client_secret": os.getenv("GOOGLE_CLIENT_SECRET"),  # ok: secrets/hardcoded-credential
            "authorize_url": "https://accounts.google.com/o/oauth2/v2/auth",
            "response_type": "code",  # ok: auth/oauth-implicit-flow
        },
        "calendly": {
            "client_id": os.getenv("CALENDLY_CLIENT_ID"),
            "client_secret": "xxx",  # ok: secrets/hardcoded-credential
            "authorize_url": "https://auth.calendly.com/oauth/authorize",
            "grant_type": "implicit",  # expect: auth/oauth-implicit-flow
        },
    }


class DevelopmentConfig(Config):
    SQLALCHEMY_DATABASE_URI = "postgresql://bookly:Lq83vNw2Rk@127.0.0.1:5432/bookly_dev"  # ok: secrets/hardcoded-credential


class ProductionConfig(Config):
    SQLALCHEMY_DATABASE_URI = "postgresql://bookly_app:8vbu0c8AUObh7JcG2NBSjZ@bookly-prod.cluster-c9x8y7z6w5v4.us-east-1.rds.amazonaws.com:5432/bookly"  # expect: secrets/hardcoded-credential


config = {
    "development": DevelopmentConfig,
    "production": ProductionConfig,
    "default": DevelopmentConfig,
}
