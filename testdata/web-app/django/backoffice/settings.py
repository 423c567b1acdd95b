"""Django settings for the creator back office."""

import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent

SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]

DEBUG = os.environ.get("DJANGO_DEBUG") == "1"  # ok: web/debug-enabled
TEMPLATE_DEBUG = DEBUG  # ok: web/debug-enabled

ALLOWED_HOSTS = os.environ.get("DJANGO_ALLOWED_HOSTS", "backoffice.shelf.dev").split(",")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "payouts",
]

ROOT_URLCONF = "backoffice.urls"

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": os.environ.get("POSTGRES_DB", "shelf"),
        "USER": os.environ.get("POSTGRES_USER", "shelf"),
        "PASSWORD": os.environ["POSTGRES_PASSWORD"],
        "HOST": os.environ.get("POSTGRES_HOST", "localhost"),
    }
}

SESSION_COOKIE_SECURE = True  # ok: auth/insecure-cookie
SESSION_COOKIE_HTTPONLY = True  # ok: auth/insecure-cookie
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SECURE = True
SECURE_SSL_REDIRECT = True
SECURE_HSTS_SECONDS = 31536000

# Django's own hasher; no default superuser is created (use `createsuperuser`).
DJANGO_SUPERUSER_PASSWORD = os.environ.get("DJANGO_SUPERUSER_PASSWORD")  # ok: web/default-credentials
