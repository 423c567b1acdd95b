"""Settings for a developer's machine (DJANGO_SETTINGS_MODULE=storefront.settings_dev)."""

import os

from .settings import *  # noqa: F403

DEBUG = True
SECRET_KEY = os.getenv("SECRET_KEY", "django-insecure-r7t2kq9mzx4wv8bn3lp6yd5hc0fj1gs")  # ok: secrets/hardcoded-credential
