import os

from fastapi import FastAPI

from .config import settings

# Debug only when the environment asks for it.
if settings.debug == "True":
    dev_app = FastAPI(title="Shelf (dev)", debug=True)  # ok: web/debug-enabled
else:
    dev_app = FastAPI(title="Shelf")

if os.environ.get("SHELF_DEBUG"):
    dev_app.debug = True  # ok: web/debug-enabled
