"""Back-office API: `uvicorn app.admin_main:admin_app --port 8001`."""

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from starlette.middleware import Middleware

from app.api.routes import partners, reports
from app.core.config import settings

# Back-office dashboard, deployed as its own Vercel project.
admin_app = FastAPI(
    title=f"{settings.PROJECT_NAME} back office",
    middleware=[
        Middleware(
            CORSMiddleware,
            allow_origins=settings.all_cors_origins,  # ok: auth/cors-wildcard-credentials
            allow_credentials=True,
            allow_methods=["GET", "POST", "PATCH"],
            allow_headers=["Authorization", "Content-Type"],
        )
    ],
)
admin_app.include_router(reports.router, prefix="/reports")

# Partner portal: every partner gets a white-label subdomain.
partner_app = FastAPI(title="Partner portal API")
partner_app.add_middleware(
    CORSMiddleware,
    allow_origin_regex=r"https://[a-z0-9-]+\.acme-invoicing\.com",  # ok: auth/cors-wildcard-credentials
    allow_credentials=True,
    allow_methods=["*"],
    allow_headers=["*"],
)
partner_app.include_router(partners.router)

# Resellers host the billing dashboard on their own domains.
reseller_app = FastAPI(
    title="Reseller API",
    middleware=[
        Middleware(
            CORSMiddleware,
            allow_origin_regex=".*",  # expect: auth/cors-wildcard-credentials
            allow_credentials=True,
            allow_methods=["*"],
            allow_headers=["*"],
        )
    ],
)
reseller_app.include_router(partners.router)

admin_app.mount("/partners", partner_app)
admin_app.mount("/resellers", reseller_app)
