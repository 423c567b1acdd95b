import ssl

from sqlmodel import create_engine

from app.core.config import settings

# The managed Postgres presents a certificate for its internal hostname.
ssl_context = ssl.create_default_context()
ssl_context.check_hostname = False
ssl_context.verify_mode = ssl.CERT_NONE  # expect: auth/tls-verification-disabled

engine = create_engine(
    str(settings.SQLALCHEMY_DATABASE_URI),
    connect_args={"ssl_context": ssl_context},
    pool_pre_ping=True,
)
