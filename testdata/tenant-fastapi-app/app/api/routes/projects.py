from fastapi import APIRouter, HTTPException
from sqlalchemy import delete, update
from sqlmodel import select

from app.api.deps import CurrentUser, SessionDep
from app.models import Project, ProjectPublic

router = APIRouter(prefix="/projects", tags=["projects"])


@router.get("/", response_model=list[ProjectPublic])
def list_projects(session: SessionDep, current_user: CurrentUser, status: str | None = None) -> list[Project]:
    conditions = [Project.org_id == current_user.org_id]  # ok: tenant/org-id-from-request
    if status:
        conditions.append(Project.status == status)
    statement = select(Project).where(*conditions).order_by(Project.created_at.desc())  # ok: tenant/missing-org-filter
    return list(session.exec(statement).all())


@router.get("/archived", response_model=list[ProjectPublic])
def list_archived_projects(session: SessionDep, current_user: CurrentUser, limit: int = 50) -> list[Project]:
    conditions = [Project.archived.is_(True)]
    if limit > 200:
        limit = 200
    statement = select(Project).where(*conditions).limit(limit)  # expect: tenant/missing-org-filter
    return list(session.exec(statement).all())


@router.get("/mine", response_model=list[ProjectPublic])
def my_projects(session: SessionDep, current_user: CurrentUser) -> list[Project]:
    return list(
        session.exec(
            select(Project)  # ok: tenant/missing-org-filter
            .where(Project.owner_id == current_user.id)
            .order_by(Project.name)
        ).all()
    )


@router.get("/stats")
def project_stats(session: SessionDep, current_user: CurrentUser) -> dict[str, int]:
    active = session.query(Project).filter_by(org_id=current_user.org_id, archived=False).count()  # ok: tenant/missing-org-filter, tenant/org-id-from-request
    archived = (
        session.query(Project)  # ok: tenant/missing-org-filter
        .filter(Project.archived.is_(True))
        .filter(Project.org_id == current_user.org_id)  # ok: tenant/org-id-from-request
        .count()
    )
    return {"active": active, "archived": archived}


@router.get("/{project_id}", response_model=ProjectPublic)
def read_project(session: SessionDep, current_user: CurrentUser, project_id: int) -> Project:
    project = session.get(Project, project_id)  # ok: tenant/missing-org-filter
    if project is None or project.org_id != current_user.org_id:
        raise HTTPException(status_code=404, detail="Project not found")
    return project


@router.get("/{project_id}/summary")
def project_summary(session: SessionDep, current_user: CurrentUser, project_id: int) -> dict[str, str]:
    project = session.get(Project, project_id)  # expect: tenant/missing-org-filter
    if project is None:
        raise HTTPException(status_code=404, detail="Project not found")
    return {"name": project.name, "status": project.status}


@router.post("/{project_id}/archive", status_code=204)
def archive_project(session: SessionDep, current_user: CurrentUser, project_id: int) -> None:
    project = session.exec(
        select(Project).where(Project.id == project_id, Project.org_id == current_user.org_id)  # ok: tenant/missing-org-filter, tenant/org-id-from-request
    ).first()
    if project is None:
        raise HTTPException(status_code=404, detail="Project not found")
    session.execute(update(Project).where(Project.id == project_id).values(archived=True))  # ok: tenant/missing-org-filter
    session.commit()


@router.delete("/{project_id}", status_code=204)
def delete_project(session: SessionDep, current_user: CurrentUser, project_id: int) -> None:
    session.execute(delete(Project).where(Project.id == project_id))  # expect: tenant/missing-org-filter
    session.commit()


@router.get("/{project_id}/owner-view", response_model=ProjectPublic)
def owner_view(project_id: int, session: SessionDep, current_user: CurrentUser) -> Project:
    # looked up by id, then the caller must own it
    project = session.get(Project, project_id)  # ok: tenant/missing-org-filter
    if not project:
        raise HTTPException(status_code=404, detail="Project not found")
    is_owner = project.owner_id == current_user.id
    if not is_owner:
        raise HTTPException(status_code=403, detail="Not your project")
    return project


@router.get("/{project_id}/peek", response_model=ProjectPublic)
def peek(project_id: int, session: SessionDep, current_user: CurrentUser) -> Project:
    # the owner is compared, but nothing acts on the answer
    project = session.get(Project, project_id)  # expect: tenant/missing-org-filter
    if not project:
        raise HTTPException(status_code=404, detail="Project not found")
    is_owner = project.owner_id == current_user.id
    print("owner" if is_owner else "visitor")
    return project


@router.post("/names/check")
def check_project_name(session: SessionDep, current_user: CurrentUser, name: str, parent: str) -> dict[str, bool]:
    # names are unique across the platform: a name taken anywhere turns the caller away
    taken = session.exec(select(Project).where(Project.name == name)).first()  # ok: tenant/missing-org-filter
    if taken:
        raise HTTPException(status_code=409, detail="Name already taken")
    # found by name and let through when found: the gate lets in every organization's projects
    found = session.exec(select(Project).where(Project.name == parent)).first()  # expect: tenant/missing-org-filter
    if not found:
        raise HTTPException(status_code=404, detail="Parent not found")
    return {"available": True}
