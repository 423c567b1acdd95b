from fastapi import APIRouter, HTTPException, status
from sqlmodel import select

from app.api.deps import CurrentUser, SessionDep, ensure_member, is_member
from app.models import AuditEvent, Invoice, Organization, Plan, Project, User
from app.services.supabase_sync import supabase_admin

router = APIRouter(prefix="/orgs", tags=["orgs"])


@router.get("/plans")
def list_plans(session: SessionDep) -> list[Plan]:
    return list(session.exec(select(Plan).order_by(Plan.price_cents)).all())  # ok: tenant/missing-org-filter


@router.get("/current")
def read_current_org(session: SessionDep, current_user: CurrentUser) -> Organization:
    org = session.get(Organization, current_user.org_id)  # ok: tenant/missing-org-filter
    if org is None:
        raise HTTPException(status_code=404, detail="Organization not found")
    return org


@router.get("/current/members")
def list_members(session: SessionDep, current_user: CurrentUser) -> list[User]:
    statement = select(User).where(User.org_id == current_user.org_id).order_by(User.email)  # ok: tenant/missing-org-filter, tenant/org-id-from-request
    return list(session.exec(statement).all())


@router.get("/current/audit")
def recent_audit_events(session: SessionDep, current_user: CurrentUser, limit: int = 50) -> list[dict]:
    events = session.scalars(
        select(AuditEvent).order_by(AuditEvent.created_at.desc()).limit(limit)  # expect: tenant/missing-org-filter
    ).all()
    return [{"action": e.action, "target": e.target, "at": e.created_at.isoformat()} for e in events]


@router.get("/current/documents")
def current_org_documents(current_user: CurrentUser) -> list[dict]:
    response = (
        supabase_admin.table("documents")  # ok: tenant/missing-org-filter
        .select("id, title, updated_at")
        .eq("org_id", current_user.org_id)  # ok: tenant/org-id-from-request
        .order("updated_at", desc=True)
        .execute()
    )
    return response.data


@router.get("/{org_id}")
def read_org(org_id: int, session: SessionDep, current_user: CurrentUser) -> Organization:
    ensure_member(current_user, org_id)
    org = session.get(Organization, org_id)  # ok: tenant/missing-org-filter, tenant/org-id-from-request
    if org is None:
        raise HTTPException(status_code=404, detail="Organization not found")
    return org


@router.get("/{org_id}/projects")
def list_org_projects(org_id: int, session: SessionDep, current_user: CurrentUser) -> list[Project]:
    statement = (
        select(Project)  # ok: tenant/missing-org-filter
        .where(Project.org_id == org_id)  # expect: tenant/org-id-from-request
        .order_by(Project.name)
    )
    return list(session.exec(statement).all())


@router.get("/{org_id}/projects/count")
def count_org_projects(org_id: int, session: SessionDep, current_user: CurrentUser) -> dict[str, int]:
    tenant = org_id
    total = (
        session.query(Project)  # ok: tenant/missing-org-filter
        .filter_by(org_id=tenant)  # expect: tenant/org-id-from-request
        .count()
    )
    return {"projects": total}


@router.get("/{org_id}/invoices")
def list_org_invoices(org_id: int, session: SessionDep, current_user: CurrentUser) -> list[Invoice]:
    ensure_member(current_user, org_id)
    statement = select(Invoice).where(Invoice.organization_id == org_id)  # ok: tenant/missing-org-filter, tenant/org-id-from-request
    return list(session.exec(statement).all())


@router.get("/{org_id}/audit")
def org_audit_log(org_id: int, session: SessionDep, current_user: CurrentUser) -> list[dict]:
    if not is_member(session, current_user.id, org_id):
        raise HTTPException(status_code=status.HTTP_403_FORBIDDEN, detail="Not a member of this organization")
    events = session.scalars(
        select(AuditEvent)  # ok: tenant/missing-org-filter
        .where(AuditEvent.tenant_id == org_id)  # ok: tenant/org-id-from-request
        .order_by(AuditEvent.created_at.desc())
        .limit(100)
    ).all()
    return [{"action": e.action, "target": e.target, "at": e.created_at.isoformat()} for e in events]


@router.get("/{org_id}/documents")
def org_documents(org_id: int, current_user: CurrentUser) -> list[dict]:
    response = (
        supabase_admin.table("documents")  # ok: tenant/missing-org-filter
        .select("id, title, updated_at")
        .eq("org_id", org_id)  # expect: tenant/org-id-from-request
        .execute()
    )
    return response.data
