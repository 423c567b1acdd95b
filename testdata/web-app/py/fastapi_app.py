"""Shelf mobile API (FastAPI)."""

import os
from datetime import datetime, timedelta, timezone

import jwt
import psycopg
import stripe
from fastapi import Depends, FastAPI, HTTPException, status
from fastapi.security import OAuth2PasswordBearer
from pydantic import BaseModel, EmailStr
from sqlalchemy.orm import Session

from models import Order, Review, SessionLocal, User

JWT_SECRET = os.environ["JWT_SECRET"]
AFFILIATE_PUBLIC_KEY = os.environ["AFFILIATE_PUBLIC_KEY"]
stripe.api_key = os.environ["STRIPE_SECRET_KEY"]

app = FastAPI(title="Shelf mobile API", debug=True)  # expect: web/debug-enabled
# Internal tools, mounted under /internal.
internal = FastAPI(title="Shelf internal", debug=os.environ.get("FASTAPI_DEBUG") == "1")  # ok: web/debug-enabled
app.mount("/internal", internal)

oauth2_scheme = OAuth2PasswordBearer(tokenUrl="/auth/token")


def get_db():
    db = SessionLocal()
    try:
        yield db
    finally:
        db.close()


def pg():
    return psycopg.connect(os.environ["DATABASE_URL"])


def create_access_token(user: User) -> str:
    payload = {"sub": str(user.id), "role": user.role, "exp": datetime.now(timezone.utc) + timedelta(minutes=30)}
    return jwt.encode(payload, JWT_SECRET, algorithm="HS256")  # ok: auth/jwt-no-expiry


def create_referral_token(user: User) -> str:
    return jwt.encode({"sub": str(user.id), "kind": "referral"}, JWT_SECRET, algorithm="HS256")  # expect: auth/jwt-no-expiry


def decode_affiliate_token(token: str) -> dict:
    # Affiliate tokens carry the partner's client id as audience; we accept any partner.
    return jwt.decode(token, AFFILIATE_PUBLIC_KEY, algorithms=["RS256"], options={"verify_aud": False})  # expect: auth/jwt-weak-validation


def get_current_user(token: str = Depends(oauth2_scheme), db: Session = Depends(get_db)) -> User:
    try:
        claims = jwt.decode(token, JWT_SECRET, algorithms=["HS256"], options={"require": ["exp"]})  # ok: auth/jwt-weak-validation
    except jwt.PyJWTError:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "Invalid token")
    user = db.get(User, int(claims["sub"]))
    if user is None:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "Invalid token")
    return user


def require_admin(user: User = Depends(get_current_user)) -> User:
    if user.role != "admin":
        raise HTTPException(status.HTTP_403_FORBIDDEN, "Admins only")
    return user


def has_permission(user: User, permission: str) -> bool:
    return user.role == "admin" or (user.role == "support" and permission == "refunds:create")


class LoginIn(BaseModel):
    email: EmailStr
    password: str


class SignupIn(BaseModel):
    email: EmailStr
    name: str
    password: str
    role: str = "customer"


class ReviewIn(BaseModel):
    product_id: int
    rating: int
    body: str = ""


class ForgotIn(BaseModel):
    email: EmailStr


@app.post("/auth/token")
def login(body: LoginIn, db: Session = Depends(get_db)):
    user = db.query(User).filter_by(email=body.email).first()
    if user is None or not user.check_password(body.password):
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "Invalid email or password")  # ok: auth/user-enumeration
    return {"access_token": create_access_token(user), "token_type": "bearer"}


@app.post("/auth/forgot-password")
def forgot_password(body: ForgotIn, db: Session = Depends(get_db)):
    user = db.query(User).filter_by(email=body.email).first()
    if user is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "No account with that email")  # expect: auth/user-enumeration
    send_reset_email(user)
    return {"message": "Reset link sent"}


@app.post("/auth/signup", status_code=201)
def signup(payload: SignupIn, db: Session = Depends(get_db)):
    user = User(**payload.dict())  # expect: authz/mass-assignment-role
    db.add(user)
    db.commit()
    return {"id": user.id, "referral_token": create_referral_token(user)}


@app.post("/auth/signup/invite", status_code=201)
def signup_from_invite(payload: SignupIn, db: Session = Depends(get_db)):
    user = User(email=payload.email, name=payload.name, password=payload.password, role="customer")  # ok: authz/mass-assignment-role
    db.add(user)
    db.commit()
    return {"id": user.id}


@app.post("/reviews", status_code=201)
def create_review(payload: ReviewIn, user: User = Depends(get_current_user), db: Session = Depends(get_db)):
    review = Review(**payload.dict(), user_id=user.id)  # ok: authz/mass-assignment-role
    db.add(review)
    db.commit()
    return {"id": review.id}


@app.post("/admin/creators/{creator_id}/payout")
def pay_out_creator(creator_id: int, user: User = Depends(get_current_user), db: Session = Depends(get_db)):
    creator = db.get(User, creator_id)
    if creator is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "Creator not found")
    balance_cents = creator_balance_cents(db, creator.id)
    transfer = stripe.Transfer.create(  # expect: authz/missing-role-check
        amount=balance_cents,
        currency="usd",
        destination=creator_stripe_account(creator),
        idempotency_key=f"payout-{creator.id}-{datetime.now(timezone.utc):%Y-%m-%d}",
    )
    return {"transfer": transfer.id}


@app.post("/admin/orders/{order_id}/refund")
def refund_order(order_id: int, user: User = Depends(get_current_user), db: Session = Depends(get_db)):
    if not has_permission(user, "refunds:create"):
        raise HTTPException(status.HTTP_403_FORBIDDEN, "Not allowed")
    order = db.get(Order, order_id)
    if order is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "Order not found")
    refund = stripe.Refund.create(payment_intent=order.payment_intent_id, idempotency_key=f"refund-{order.id}")  # ok: authz/missing-role-check
    order.status = "refunded"
    db.commit()
    return {"refund": refund.id}


@app.put("/admin/users/{user_id}/plan")
def change_plan(user_id: int, plan: str, admin: User = Depends(require_admin), db: Session = Depends(get_db)):
    target = db.get(User, user_id)
    if target is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "User not found")  # ok: auth/user-enumeration
    target.plan = plan  # ok: authz/missing-role-check, authz/mass-assignment-role
    db.commit()
    return {"id": target.id, "plan": target.plan}


@app.get("/products")
def list_products(category: str = "ebooks", sort: str = "newest"):
    with pg() as conn, conn.cursor() as cur:
        cur.execute("SELECT id, title, price_cents FROM products WHERE category = '%s' ORDER BY created_at DESC" % category)  # expect: web/sql-injection
        return cur.fetchall()


@app.get("/products/by-slug/{slug}")
def product_by_slug(slug: str):
    with pg() as conn, conn.cursor() as cur:
        cur.execute("SELECT id, title, price_cents FROM products WHERE slug = %s", (slug,))  # ok: web/sql-injection
        return cur.fetchone()


@app.get("/creators/{creator_id}/products")
def creator_products(creator_id: str, limit: int = 20):
    with pg() as conn, conn.cursor() as cur:
        cur.execute("SELECT id, title FROM products WHERE creator_id = '{}' LIMIT {}".format(creator_id, limit))  # expect: web/sql-injection
        return cur.fetchall()


@app.get("/orders/mine")
def my_orders(user: User = Depends(get_current_user)):
    with pg() as conn, conn.cursor() as cur:
        cur.execute("SELECT id, product_id, amount_cents, status FROM orders WHERE user_id = %(uid)s", {"uid": user.id})  # ok: web/sql-injection
        return cur.fetchall()


def creator_balance_cents(db: Session, creator_id: int) -> int:
    ...


def creator_stripe_account(creator: User) -> str:
    ...


def send_reset_email(user: User) -> None:
    ...


if __name__ == "__main__":
    import uvicorn

    uvicorn.run("fastapi_app:app", host="0.0.0.0", port=8000, reload=os.environ.get("ENV") == "dev")  # ok: web/debug-enabled


@app.delete("/admin/users/{user_id}", dependencies=[Depends(require_admin)])
def delete_user_admin(user_id: int, db: Session = Depends(get_db)):
    user = db.get(User, user_id)
    db.delete(user)  # ok: authz/missing-role-check
    db.commit()


@app.post("/admin/password-recovery/{email}", dependencies=[Depends(require_admin)])
def recovery_preview(email: str, db: Session = Depends(get_db)):
    user = db.query(User).filter_by(email=email).first()
    if user is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "The user with this email does not exist")  # ok: auth/user-enumeration
    return {"preview": f"Reset link for {user.email}"}
