"""Dashboard reports. Written as raw SQL because the ORM version was too slow."""

from datetime import date

from sqlalchemy import text
from sqlmodel import Session

PROJECT_COLUMNS = "p.id, p.name, p.status, p.created_at"


def project_status_counts(session: Session, org_id: int) -> dict[str, int]:
    rows = session.execute(
        text("SELECT status, count(*) FROM project WHERE org_id = :org_id GROUP BY status"),  # ok: tenant/missing-org-filter
        {"org_id": org_id},
    ).all()
    return {status: count for status, count in rows}


def status_counts_for_dashboard(session: Session) -> dict[str, int]:
    rows = session.execute(text("SELECT status, count(*) FROM project GROUP BY status")).all()  # expect: tenant/missing-org-filter
    return {status: count for status, count in rows}


def revenue_by_project(session: Session, org_id: int) -> list[dict]:
    stmt = text(  # ok-next-line: tenant/missing-org-filter
        """
        SELECT p.name, sum(i.amount_cents) AS total_cents
        FROM invoice AS i
        JOIN project AS p ON p.id = i.project_id
        WHERE i.organization_id = :org_id AND i.status = 'paid'
        GROUP BY p.name
        ORDER BY total_cents DESC
        """
    )
    return [dict(row._mapping) for row in session.execute(stmt, {"org_id": org_id})]


def overdue_by_project(session: Session, org_id: int) -> list[dict]:
    stmt = text(  # expect-next-line: tenant/missing-org-filter
        """
        SELECT p.name, count(i.id) AS overdue
        FROM invoice i
        JOIN project p ON p.id = i.project_id
        WHERE i.status = 'sent' AND i.due_date < :today
        GROUP BY p.name
        """
    )
    return [dict(row._mapping) for row in session.execute(stmt, {"today": date.today()})]


def mark_invoice_sent(session: Session, org_id: int, invoice_id: int) -> None:
    session.execute(
        text("UPDATE invoice SET status = 'sent' WHERE id = :id AND organization_id = :org_id"),  # ok: tenant/missing-org-filter
        {"id": invoice_id, "org_id": org_id},
    )
    session.commit()


def mark_invoice_overdue(session: Session, invoice_id: int) -> None:
    session.execute(text("UPDATE invoice SET status = 'overdue' WHERE id = :id"), {"id": invoice_id})  # expect: tenant/missing-org-filter
    session.commit()


def search_projects(session: Session, org_id: int, term: str) -> list[dict]:
    sql = f"SELECT {PROJECT_COLUMNS} FROM project AS p WHERE p.org_id = :org_id AND p.name ILIKE :term"  # ok: tenant/missing-org-filter
    rows = session.execute(text(sql), {"org_id": org_id, "term": f"%{term}%"})
    return [dict(row._mapping) for row in rows]


def search_all_projects(session: Session, term: str) -> list[dict]:
    sql = f"SELECT {PROJECT_COLUMNS} FROM project p WHERE p.name ILIKE :term ORDER BY p.created_at DESC"  # expect: tenant/missing-org-filter
    rows = session.execute(text(sql), {"term": f"%{term}%"})
    return [dict(row._mapping) for row in rows]


def purge_audit_events(session: Session, tenant_id: int, before: date) -> int:
    result = session.execute(
        text("DELETE FROM audit_events WHERE tenant_id = :tenant_id AND created_at < :before"),  # ok: tenant/missing-org-filter
        {"tenant_id": tenant_id, "before": before},
    )
    session.commit()
    return result.rowcount


def plan_catalog(session: Session) -> list[dict]:
    rows = session.execute(text("SELECT id, name, price_cents FROM plan ORDER BY price_cents"))  # ok: tenant/missing-org-filter
    return [dict(row._mapping) for row in rows]
