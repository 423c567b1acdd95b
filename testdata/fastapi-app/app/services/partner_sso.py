import jwt
from jwt import InvalidTokenError

__all__ = ["InvalidTokenError", "partner_claims"]

# ok-next-line: secrets/hardcoded-credential
PARTNER_JWT_PUBLIC_KEY = """-----BEGIN PUBLIC KEY-----
MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8A0AWap4dcpl0Ps37pR3Pldo91M3IuvBsN
coSTPhUBbvu5mVwDK5pwhJdfLe0xdiIr+qO4OPySoe6CCXTJwH/qFozQyhsV4mHi
sfZPL76GrChEvRVuWrIM9PHQtsFvq1GVDiCr7hfJzoxg+FSplAygbOMTp5TDTqQI
NHtiLEGrTAImObWgYojCHMB5c+cHwSmtoDTLm98DXBMFyIl+ODVqbDdjdrcI+rWN
NlgdlfHNTyREwaTVgNHGVwjzumz5kigGjsG4BfsIr/gY4SUkXzCVm/J79glvugsa
zsic5xFVy+wnPt9s5D/0Btg2VyOoZVC7G76CaeqLsorR2CgWXRB+rJSim2X5vvuv
pwSKKlaS
-----END PUBLIC KEY-----
"""


def partner_claims(token: str) -> dict:
    return jwt.decode(  # ok: auth/jwt-unverified
        token,
        PARTNER_JWT_PUBLIC_KEY,
        algorithms=["RS256"],
        audience="acme-invoicing",
        issuer="https://partners.acme-invoicing.com",
    )
