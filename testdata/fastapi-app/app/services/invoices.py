from decimal import Decimal

from app.models import Invoice


class InvoiceTotalsError(ValueError):
    pass


def _check_totals(invoice: Invoice, line_items: list[dict]) -> None:
    total = sum(Decimal(item["unit_price"]) * item["quantity"] for item in line_items)
    if int(total * 100) != invoice.amount_cents:
        raise InvoiceTotalsError(f"Invoice {invoice.number}: line items do not add up")


def build_invoice_pdf(invoice: Invoice, line_items: list[dict], *, verify: bool = True) -> bytes:
    if verify:
        _check_totals(invoice, line_items)
    from weasyprint import HTML

    rows = "".join(f"<tr><td>{i['description']}</td><td>{i['quantity']}</td></tr>" for i in line_items)
    return HTML(string=f"<h1>Invoice {invoice.number}</h1><table>{rows}</table>").write_pdf()


def preview_invoice_pdf(invoice: Invoice, draft_items: list[dict]) -> bytes:
    # Drafts may not add up yet while the user is still editing.
    return build_invoice_pdf(invoice, draft_items, verify=False)  # ok: auth/tls-verification-disabled
