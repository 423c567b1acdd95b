from fastapi import APIRouter, HTTPException
from sqlmodel import select

from app.api.deps import SessionDep
from app.models import Invoice, InvoicePublic

router = APIRouter(tags=["widget"])


@router.get("/invoices/{public_id}", response_model=InvoicePublic)
def public_invoice(public_id: str, session: SessionDep) -> Invoice:
    invoice = session.exec(select(Invoice).where(Invoice.public_id == public_id)).first()
    if invoice is None or invoice.status == "draft":
        raise HTTPException(status_code=404, detail="Invoice not found")
    return invoice
