import uuid
from datetime import date, datetime

from pydantic import EmailStr
from sqlmodel import Field, SQLModel


class User(SQLModel, table=True):
    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    email: EmailStr = Field(unique=True, index=True, max_length=255)
    full_name: str | None = Field(default=None, max_length=255)
    hashed_password: str
    is_active: bool = True
    created_at: datetime = Field(default_factory=datetime.utcnow)


class UserPublic(SQLModel):
    id: uuid.UUID
    email: EmailStr
    full_name: str | None = None


class Invoice(SQLModel, table=True):
    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    public_id: str = Field(unique=True, index=True, max_length=32)
    owner_id: uuid.UUID = Field(foreign_key="user.id", nullable=False, ondelete="CASCADE")
    number: str = Field(max_length=32)
    customer_name: str = Field(max_length=255)
    customer_email: EmailStr
    amount_cents: int
    currency: str = Field(default="usd", max_length=3)
    status: str = Field(default="draft", max_length=16)
    due_date: date | None = None


class InvoicePublic(SQLModel):
    public_id: str
    number: str
    customer_name: str
    amount_cents: int
    currency: str
    status: str
    due_date: date | None = None


class Token(SQLModel):
    access_token: str
    token_type: str = "bearer"  # ok: auth/oauth-implicit-flow


class TokenPayload(SQLModel):
    sub: str | None = None
