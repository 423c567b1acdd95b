from fastapi import APIRouter, Depends
from sqlmodel import Session

from app.api.deps import get_db
from app.models import Invoice, Project

router = APIRouter(prefix="/stats", tags=["stats"])


@router.get("/public")
def public_stats(db: Session = Depends(get_db)) -> dict[str, int]:
    """The landing page's counters: one number of the whole platform each."""
    projects = db.query(Project).count()  # ok: tenant/missing-org-filter
    # a count with a condition is a query like any other: paid invoices of every organization
    paid = db.query(Invoice).filter(Invoice.status == "paid").count()  # expect: tenant/missing-org-filter
    return {"projects": projects, "paid": paid}
