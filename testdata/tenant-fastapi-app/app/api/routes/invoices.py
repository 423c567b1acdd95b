import csv
import io
from datetime import date

from fastapi import APIRouter, Depends, HTTPException
from fastapi.responses import StreamingResponse
from sqlalchemy import and_, select
from sqlmodel import Session

from app.api.deps import CurrentUser, get_current_org, get_db
from app.models import Invoice, InvoiceSearch, Organization, User

router = APIRouter(prefix="/invoices", tags=["invoices"])


@router.get("/")
def list_invoices(current_user: CurrentUser, db: Session = Depends(get_db), status: str | None = None) -> list[Invoice]:
    query = db.query(Invoice).filter(Invoice.organization_id == current_user.org_id)  # ok: tenant/missing-org-filter, tenant/org-id-from-request
    if status:
        query = query.filter(Invoice.status == status)
    return query.order_by(Invoice.due_date).all()


@router.get("/overdue")
def overdue_invoices(org: Organization = Depends(get_current_org), db: Session = Depends(get_db)) -> list[Invoice]:
    statement = select(Invoice).where(  # ok: tenant/missing-org-filter
        and_(
            Invoice.organization_id == org.id,  # ok: tenant/org-id-from-request
            Invoice.status == "sent",
            Invoice.due_date < date.today(),
        )
    )
    return list(db.execute(statement).scalars().all())


@router.get("/by-status/{status}")
def invoices_by_status(status: str, current_user: CurrentUser, db: Session = Depends(get_db)) -> list[Invoice]:
    return (
        db.query(Invoice)  # ok: tenant/missing-org-filter
        .filter(Invoice.status == status)
        .filter(Invoice.organization_id == current_user.org_id)  # ok: tenant/org-id-from-request
        .all()
    )


@router.get("/unpaid-total")
def unpaid_total(current_user: CurrentUser, db: Session = Depends(get_db)) -> dict[str, int]:
    invoices = db.query(Invoice).filter(Invoice.status.in_(["draft", "sent"])).all()  # expect: tenant/missing-org-filter
    return {"unpaid_cents": sum(inv.amount_cents for inv in invoices)}


@router.get("/export")
def export_invoices(organization_id: int, current_user: CurrentUser, db: Session = Depends(get_db)) -> StreamingResponse:
    rows = (
        db.query(Invoice)  # ok: tenant/missing-org-filter
        .filter(Invoice.organization_id == organization_id)  # expect: tenant/org-id-from-request
        .order_by(Invoice.number)
        .all()
    )
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(["number", "customer", "amount_cents", "status"])
    for inv in rows:
        writer.writerow([inv.number, inv.customer_name, inv.amount_cents, inv.status])
    buf.seek(0)
    return StreamingResponse(buf, media_type="text/csv")


@router.post("/search")
def search_invoices(payload: InvoiceSearch, current_user: CurrentUser, db: Session = Depends(get_db)) -> list[Invoice]:
    statement = select(Invoice).where(Invoice.organization_id == payload.org_id)  # expect: tenant/org-id-from-request  ok: tenant/missing-org-filter
    if payload.status:
        statement = statement.where(Invoice.status == payload.status)
    if payload.customer:
        statement = statement.where(Invoice.customer_name.ilike(payload.customer))
    return list(db.execute(statement).scalars().all())


@router.get("/{invoice_id}")
def read_invoice(invoice_id: int, current_user: CurrentUser, db: Session = Depends(get_db)) -> Invoice:
    invoice = db.query(Invoice).filter(Invoice.id == invoice_id).first()  # ok: tenant/missing-org-filter
    if invoice is None or invoice.organization_id != current_user.org_id:
        raise HTTPException(status_code=404, detail="Invoice not found")
    return invoice


@router.post("/{invoice_id}/void", status_code=204)
def void_invoice(invoice_id: int, current_user: CurrentUser, db: Session = Depends(get_db)) -> None:
    db.query(Invoice).filter(Invoice.id == invoice_id).update({"status": "void"})  # expect: tenant/missing-org-filter
    db.commit()


@router.get("/orgs/{org_id}")
def invoices_of_org(org_id: int, current_user: CurrentUser, db: Session = Depends(get_db)) -> list[Invoice]:
    # the caller's own membership of the requested organization, looked up and tested
    membership = db.query(User).filter(User.id == current_user.id, User.org_id == org_id).first()  # ok: tenant/org-id-from-request
    if membership is None:
        raise HTTPException(status_code=404, detail="Organization not found")
    return db.query(Invoice).filter(Invoice.organization_id == org_id).all()  # ok: tenant/org-id-from-request


@router.get("/orgs/{org_id}/drafts")
def drafts_of_org(org_id: int, current_user: CurrentUser, db: Session = Depends(get_db)) -> list[Invoice]:
    # looked up, never tested: any organization's drafts come back
    membership = db.query(User).filter(User.id == current_user.id, User.org_id == org_id).first()  # ok: tenant/org-id-from-request
    return db.query(Invoice).filter(Invoice.organization_id == org_id, Invoice.status == "draft").all()  # expect: tenant/org-id-from-request


@router.post("/{invoice_id}/remind")
def remind_invoice(invoice_id: int, current_user: CurrentUser, db: Session = Depends(get_db)) -> dict[str, str]:
    # the invoice's project, reached through the relationship, must be the caller's
    invoice = db.query(Invoice).filter(Invoice.id == invoice_id).first()  # ok: tenant/missing-org-filter
    if not invoice:
        raise HTTPException(status_code=404, detail="Invoice not found")
    project = invoice.project
    if not project or project.owner_id != current_user.id:
        raise HTTPException(status_code=403, detail="Only the project owner can send reminders")
    return {"status": "sent", "number": invoice.number}


@router.post("/{invoice_id}/nudge")
def nudge_invoice(invoice_id: int, current_user: CurrentUser, db: Session = Depends(get_db)) -> dict[str, str]:
    # the project is read, and only its status tested: anyone's invoice is nudged
    invoice = db.query(Invoice).filter(Invoice.id == invoice_id).first()  # expect: tenant/missing-org-filter
    if not invoice:
        raise HTTPException(status_code=404, detail="Invoice not found")
    project = invoice.project
    if not project or project.status != "active":
        raise HTTPException(status_code=400, detail="Project is not active")
    return {"status": "sent", "number": invoice.number}
