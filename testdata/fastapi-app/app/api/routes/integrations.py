import jwt
from fastapi import APIRouter, Header, HTTPException
from sqlmodel import select

from app.api.deps import SessionDep
from app.models import User, UserPublic
from app.services import supabase_admin, supabase_auth

router = APIRouter(prefix="/integrations", tags=["integrations"])


@router.get("/supabase/me", response_model=UserPublic)
def supabase_me(session: SessionDep, authorization: str = Header(...)) -> User:
    # The Lovable frontend signs in with Supabase Auth and sends its access token.
    token = authorization.removeprefix("Bearer ").strip()
    claims = jwt.decode(token, options={"verify_signature": False})  # expect: auth/jwt-unverified
    user = session.exec(select(User).where(User.email == claims["email"])).first()
    if user is None:
        raise HTTPException(status_code=404, detail="No account linked to this login")
    return user


@router.post("/supabase/avatar")
def upload_avatar(file_b64: str, authorization: str = Header(...)) -> dict[str, str]:
    user_id = supabase_auth.current_supabase_user_id(authorization.removeprefix("Bearer "))
    path = supabase_admin.upload_avatar(user_id, file_b64)
    return {"path": path}


@router.get("/legacy/profile")
def legacy_profile(x_legacy_token: str = Header(...)) -> dict[str, str]:
    # Tokens issued by the old PHP app (PyJWT 1.x call kept from the port).
    payload = jwt.decode(x_legacy_token, verify=False)  # expect: auth/jwt-unverified, ok: auth/tls-verification-disabled
    return {"user_id": payload["user_id"], "plan": payload.get("plan", "free")}
