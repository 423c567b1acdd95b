import os
from collections.abc import Generator
from typing import Annotated

from fastapi import Depends, HTTPException, status
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlmodel import Session, create_engine, select
from supabase import Client, create_client

from app.models import Organization, User

engine = create_engine(os.environ["DATABASE_URL"], pool_pre_ping=True)

bearer = HTTPBearer()

# Supabase Auth checks the access token server-side; we only keep app data in Postgres.
supabase_auth: Client = create_client(os.environ["SUPABASE_URL"], os.environ["SUPABASE_ANON_KEY"])


def get_db() -> Generator[Session, None, None]:
    with Session(engine) as session:
        yield session


SessionDep = Annotated[Session, Depends(get_db)]
BearerDep = Annotated[HTTPAuthorizationCredentials, Depends(bearer)]


def get_current_user(session: SessionDep, credentials: BearerDep) -> User:
    response = supabase_auth.auth.get_user(credentials.credentials)
    if response is None or response.user is None:
        raise HTTPException(status_code=status.HTTP_401_UNAUTHORIZED, detail="Not authenticated")
    user = session.exec(select(User).where(User.auth_id == response.user.id)).first()  # ok: tenant/missing-org-filter
    if user is None or not user.is_active:
        raise HTTPException(status_code=status.HTTP_403_FORBIDDEN, detail="Inactive user")
    return user


CurrentUser = Annotated[User, Depends(get_current_user)]


def get_current_org(session: SessionDep, current_user: CurrentUser) -> Organization:
    org = session.get(Organization, current_user.org_id)  # ok: tenant/missing-org-filter
    if org is None:
        raise HTTPException(status_code=status.HTTP_404_NOT_FOUND, detail="Organization not found")
    return org


CurrentOrg = Annotated[Organization, Depends(get_current_org)]


def ensure_member(user: User, org_id: int) -> None:
    if user.org_id != org_id:
        raise HTTPException(status_code=status.HTTP_403_FORBIDDEN, detail="Not a member of this organization")


def is_member(session: Session, user_id: int, org_id: int) -> bool:
    statement = select(User).where(User.id == user_id, User.org_id == org_id)  # ok: tenant/missing-org-filter, tenant/org-id-from-request
    return session.exec(statement).first() is not None


def get_current_platform_admin(current_user: CurrentUser) -> User:
    """Our own staff: the back office sees every organization."""
    if not current_user.is_superuser:
        raise HTTPException(status_code=status.HTTP_403_FORBIDDEN, detail="Staff only")
    return current_user


def require_superuser(user: User) -> None:
    if not user.is_superuser:
        raise HTTPException(status_code=status.HTTP_403_FORBIDDEN, detail="Staff only")


def get_current_org_admin(current_user: CurrentUser) -> User:
    """An organization's own admin: still one tenant."""
    if current_user.role != "admin":
        raise HTTPException(status_code=status.HTTP_403_FORBIDDEN, detail="Admins only")
    return current_user
