import stripe
from fastapi import APIRouter, Depends, HTTPException, Request
from pydantic import BaseModel

from .catalog import price_for
from .deps import current_user

router = APIRouter()


class IntentIn(BaseModel):
    amount_cents: int
    product_id: str


@router.post("/intents")
def create_intent(req: IntentIn, request: Request, user=Depends(current_user)):
    return stripe.PaymentIntent.create(
        amount=req.amount_cents,  # expect: payments/client-controlled-amount
        currency="usd",
        idempotency_key=f"intent-{user.id}-{req.product_id}",
    )


@router.post("/intents/product")
def create_product_intent(req: IntentIn, user=Depends(current_user)):
    return stripe.PaymentIntent.create(
        amount=price_for(req.product_id),  # ok: payments/client-controlled-amount
        currency="usd",
        idempotency_key=f"intent-{user.id}-{req.product_id}",
    )


@router.post("/intents/legacy")
def legacy_intent(req: IntentIn, user=Depends(current_user)):
    raise HTTPException(status_code=410, detail="Use /intents/product")
    return stripe.PaymentIntent.create(
        amount=req.amount_cents,  # ok: payments/client-controlled-amount
        currency="usd",
        idempotency_key=f"intent-{user.id}",
    )
