import secrets
import warnings
from typing import Annotated, Any, Literal

from pydantic import AnyUrl, BeforeValidator, Field, HttpUrl, PostgresDsn, computed_field, model_validator
from pydantic_core import MultiHostUrl
from pydantic_settings import BaseSettings, SettingsConfigDict
from typing_extensions import Self


def parse_cors(v: Any) -> list[str] | str:
    if isinstance(v, str) and not v.startswith("["):
        return [i.strip() for i in v.split(",")]
    elif isinstance(v, list | str):
        return v
    raise ValueError(v)


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_file=".env",
        env_ignore_empty=True,
        extra="ignore",
    )
    API_V1_STR: str = "/api/v1"
    PROJECT_NAME: str = "Acme Invoicing"
    ENVIRONMENT: Literal["local", "staging", "production"] = "local"
    RELEASE_SHA: str = "0cbf4d3f98767013ceda2315dc70e4fb38bf5265"  # ok: secrets/hardcoded-credential

    # 60 minutes * 24 hours * 8 days = 8 days
    ACCESS_TOKEN_EXPIRE_MINUTES: int = 60 * 24 * 8
    SECRET_KEY: str = secrets.token_urlsafe(32)  # ok: secrets/hardcoded-credential
    REFRESH_SECRET_KEY: str = "qxvu3ir6Q5IKeC7kTWBScBz4RY5Nn4WWh6hf0tCKjcu"  # expect: secrets/hardcoded-credential
    HEALTHCHECK_TOKEN: str = "7c9e6679-7425-40de-944b-e07fc1f97b0a"  # ok: secrets/hardcoded-credential

    FRONTEND_HOST: str = "http://localhost:5173"
    API_BASE_URL: str = "http://localhost:8000"
    BACKEND_CORS_ORIGINS: Annotated[list[AnyUrl] | str, BeforeValidator(parse_cors)] = []

    @computed_field  # type: ignore[prop-decorator]
    @property
    def all_cors_origins(self) -> list[str]:
        return [str(origin).rstrip("/") for origin in self.BACKEND_CORS_ORIGINS] + [self.FRONTEND_HOST]

    SENTRY_DSN: HttpUrl | None = None

    POSTGRES_SERVER: str = "localhost"
    POSTGRES_PORT: int = 5432
    POSTGRES_USER: str = "postgres"
    POSTGRES_PASSWORD: str = ""  # ok: secrets/hardcoded-credential
    POSTGRES_DB: str = "app"
    POSTGRES_CA_FILE: str | None = None

    @computed_field  # type: ignore[prop-decorator]
    @property
    def SQLALCHEMY_DATABASE_URI(self) -> PostgresDsn:
        return MultiHostUrl.build(
            scheme="postgresql+pg8000",
            username=self.POSTGRES_USER,
            password=self.POSTGRES_PASSWORD,  # ok: secrets/hardcoded-credential
            host=self.POSTGRES_SERVER,
            port=self.POSTGRES_PORT,
            path=self.POSTGRES_DB,
        )

    # Acme SSO (OpenID Connect)
    SSO_ISSUER: str = "https://sso.acme-invoicing.com"
    SSO_CLIENT_ID: str = "acme-invoicing-web"
    SSO_CLIENT_SECRET: str = Field(default="", description="From the SSO admin console")  # ok: secrets/hardcoded-credential
    MS_CLIENT_ID: str = ""

    # Payments
    STRIPE_SECRET_KEY: str = "sk_test_51mt8HbFS59jiY7MRD3eGRnpfc7XxzsT8a4fBSNb1nkRvRysaYMSRXMqJ48ekE"  # ok: secrets/hardcoded-credential
    STRIPE_PUBLISHABLE_KEY: str = "pk_live_51PcKDj66arZ0KMXf07nBufk1GmOqbCeyrMeMvqUfAJ3rNCRKKwI6QoAPe7eJN"  # ok: secrets/hardcoded-credential

    # AI
    OPENAI_API_KEY: str = Field(..., validation_alias="OPENAI_API_KEY")  # ok: secrets/hardcoded-credential

    # Email and SMS
    SENDGRID_API_KEY: str = "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"  # expect: secrets/hardcoded-credential
    EMAILS_FROM_EMAIL: str = "billing@acme-invoicing.com"
    SMTP_HOST: str = "smtp.sendgrid.net"
    SMTP_PORT: int = 587
    SMTP_CA_FILE: str = "/etc/ssl/certs/ca-certificates.crt"
    TWILIO_ACCOUNT_SID: str = "AC43a806ae567888a85594094ef471d4c1"  # ok: secrets/hardcoded-credential
    TWILIO_AUTH_TOKEN: str = "d031f1c72f046183da94fee8f5d6965f"  # expect: secrets/hardcoded-credential
    TWILIO_FROM_NUMBER: str = "+14155550123"

    # Supabase (file storage and the Lovable frontend's auth)
    SUPABASE_URL: str = "https://rvlmqafrhemiaxqnuxuj.supabase.co"
    SUPABASE_ANON_KEY: str = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZSIsInJlZiI6InJ2bG1xYWZyaGVtaWF4cW51eHVqIiwicm9sZSI6ImFub24iLCJpYXQiOjE3MDAwMDAwMDAsImV4cCI6MjAwMDAwMDAwMH0.dSmsU0Eb5i2PcaLFvyDQ9l_u-StBXXqpJ5ZWNmuBxOE"  # ok: secrets/hardcoded-credential
    SUPABASE_SERVICE_ROLE_KEY: str = ""  # ok: secrets/hardcoded-credential

    # Integrations
    ERP_BASE_URL: str = "https://erp.northwind-wholesale.com"
    ERP_CLIENT_ID: str = "acme-invoicing"
    ERP_USERNAME: str = "svc-acme-invoicing"
    ERP_PASSWORD: str = ""  # ok: secrets/hardcoded-credential
    CRM_BASE_URL: str = "https://crm.acme-invoicing.com"
    CRM_USERNAME: str = "api-sync"
    CRM_PASSWORD: str = Field(default="", repr=False)  # ok: secrets/hardcoded-credential
    BANK_FEED_URL: str = "https://sandbox.openbank-feeds.io"
    BANK_CLIENT_ID: str = ""
    BANK_CLIENT_SECRET: str = ""  # ok: secrets/hardcoded-credential
    VERIFY_SSL: bool = True

    def _check_default_secret(self, var_name: str, value: str | None) -> None:
        if value in (None, ""):
            message = f"{var_name} is empty; set it in .env before deploying."
            if self.ENVIRONMENT == "local":
                warnings.warn(message, stacklevel=1)
            else:
                raise ValueError(message)

    @model_validator(mode="after")
    def _enforce_non_default_secrets(self) -> Self:
        self._check_default_secret("POSTGRES_PASSWORD", self.POSTGRES_PASSWORD)
        self._check_default_secret("SUPABASE_SERVICE_ROLE_KEY", self.SUPABASE_SERVICE_ROLE_KEY)
        return self


settings = Settings()  # type: ignore
