from fastapi import APIRouter, Depends
from sqlmodel import Session

from app.api.deps import CurrentUser, get_current_org_admin, get_current_platform_admin, get_db, require_superuser
from app.models import Invoice, User

router = APIRouter(prefix="/backoffice", tags=["backoffice"])


@router.get("/invoices/count")
def platform_invoice_count(admin: User = Depends(get_current_platform_admin), db: Session = Depends(get_db)) -> dict[str, int]:
    return {"count": db.query(Invoice).count()}  # ok: tenant/missing-org-filter


@router.delete("/invoices/void")
def purge_void_invoices(current_user: CurrentUser, db: Session = Depends(get_db)) -> None:
    require_superuser(current_user)
    db.query(Invoice).filter(Invoice.status == "void").delete()  # ok: tenant/missing-org-filter


@router.get("/org-invoices")
def org_admin_invoices(admin: User = Depends(get_current_org_admin), db: Session = Depends(get_db)) -> list[Invoice]:
    return db.query(Invoice).filter(Invoice.status == "sent").all()  # expect: tenant/missing-org-filter
