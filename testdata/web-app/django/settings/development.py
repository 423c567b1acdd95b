# Local development: runserver over plain http, cookies readable for debugging.
from .base import *  # noqa: F403

DEBUG = True
SESSION_COOKIE_SECURE = False  # ok: auth/insecure-cookie
SESSION_COOKIE_HTTPONLY = False  # ok: auth/insecure-cookie
