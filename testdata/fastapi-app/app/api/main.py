from fastapi import APIRouter

from app.api.routes import integrations, login, reports

api_router = APIRouter()
api_router.include_router(login.router)
api_router.include_router(integrations.router)
api_router.include_router(reports.router, prefix="/reports", tags=["reports"])
