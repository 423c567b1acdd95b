import sentry_sdk
from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.routing import APIRoute

from app.api.main import api_router
from app.api.routes import widget
from app.core.config import settings


def custom_generate_unique_id(route: APIRoute) -> str:
    return f"{route.tags[0]}-{route.name}"


if settings.SENTRY_DSN and settings.ENVIRONMENT != "local":
    sentry_sdk.init(dsn=str(settings.SENTRY_DSN), enable_tracing=True)

app = FastAPI(
    title=settings.PROJECT_NAME,
    openapi_url=f"{settings.API_V1_STR}/openapi.json",
    generate_unique_id_function=custom_generate_unique_id,
)

# The Lovable preview URLs change on every deploy, so allow them all.
app.add_middleware(
    CORSMiddleware,
    allow_origins=["*"],  # expect: auth/cors-wildcard-credentials
    allow_credentials=True,
    allow_methods=["*"],
    allow_headers=["*"],
)

app.include_router(api_router, prefix=settings.API_V1_STR)

# Embeddable invoice widget: public, read-only, no cookies.
widget_app = FastAPI(title="Invoice widget", openapi_url=None)
widget_app.add_middleware(
    CORSMiddleware,
    allow_origins=["*"],  # ok: auth/cors-wildcard-credentials
    allow_methods=["GET"],
    allow_headers=["Content-Type"],
)
widget_app.include_router(widget.router)
app.mount("/widget", widget_app)


@app.get("/health", tags=["health"])
def health() -> dict[str, str]:
    return {"status": "healthy", "release": settings.RELEASE_SHA}
