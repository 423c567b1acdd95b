from datetime import date

from fastapi import APIRouter
from sqlmodel import select

from app.api.deps import CurrentUser, SessionDep
from app.models import Invoice, InvoicePublic
from app.services import exchange_rates

router = APIRouter()


@router.get("/overdue", response_model=list[InvoicePublic])
def overdue_invoices(session: SessionDep, current_user: CurrentUser) -> list[Invoice]:
    stmt = select(Invoice).where(
        Invoice.owner_id == current_user.id,
        Invoice.status == "sent",
        Invoice.due_date < date.today(),
    )
    return list(session.exec(stmt).all())


@router.get("/totals")
def totals_in(currency: str, session: SessionDep, current_user: CurrentUser) -> dict[str, float]:
    rates = exchange_rates.fetch_rates()
    invoices = session.exec(select(Invoice).where(Invoice.owner_id == current_user.id)).all()
    total = sum(inv.amount_cents / 100 / rates.get(inv.currency.upper(), 1.0) for inv in invoices)
    return {"total": round(total * rates.get(currency.upper(), 1.0), 2)}
