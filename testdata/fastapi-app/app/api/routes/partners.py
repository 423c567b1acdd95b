from fastapi import APIRouter, Header, HTTPException

from app.services import partner_sso

router = APIRouter(tags=["partners"])


@router.get("/me")
def partner_me(authorization: str = Header(...)) -> dict[str, str]:
    try:
        claims = partner_sso.partner_claims(authorization.removeprefix("Bearer "))
    except partner_sso.InvalidTokenError:
        raise HTTPException(status_code=401, detail="Invalid partner session")
    return {"partner": claims["partner_slug"], "email": claims["email"]}
