from datetime import date, datetime

from sqlalchemy import DateTime, ForeignKey, String, func
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlmodel import Field, Relationship, SQLModel


class Plan(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True, max_length=32)
    price_cents: int
    max_projects: int | None = None


class Organization(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=255)
    slug: str = Field(unique=True, index=True, max_length=64)
    plan_id: int | None = Field(default=None, foreign_key="plan.id")
    created_at: datetime = Field(default_factory=datetime.utcnow)


class User(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    # id of the matching Supabase Auth user (auth.users.id)
    auth_id: str = Field(unique=True, index=True, max_length=64)
    email: str = Field(unique=True, index=True, max_length=255)
    full_name: str | None = Field(default=None, max_length=255)
    org_id: int = Field(foreign_key="organization.id", index=True)
    is_active: bool = True


class Project(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    org_id: int = Field(foreign_key="organization.id", index=True)
    owner_id: int = Field(foreign_key="user.id")
    name: str = Field(max_length=255)
    status: str = Field(default="active", max_length=16)
    archived: bool = False
    created_at: datetime = Field(default_factory=datetime.utcnow)


class Invoice(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    organization_id: int = Field(foreign_key="organization.id", index=True)
    project_id: int | None = Field(default=None, foreign_key="project.id")
    number: str = Field(max_length=32)
    customer_name: str = Field(max_length=255)
    amount_cents: int
    currency: str = Field(default="usd", max_length=3)
    status: str = Field(default="draft", max_length=16)
    due_date: date | None = None
    project: Project | None = Relationship()


class ProjectPublic(SQLModel):
    id: int
    name: str
    status: str
    archived: bool


class InvoiceSearch(SQLModel):
    org_id: int
    status: str | None = None
    customer: str | None = None


class Base(DeclarativeBase):
    pass


class AuditEvent(Base):
    __tablename__ = "audit_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    tenant_id: Mapped[int] = mapped_column(ForeignKey("organization.id"), index=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    action: Mapped[str] = mapped_column(String(64))
    target: Mapped[str] = mapped_column(String(255))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
