import os

import stripe
from fastapi import APIRouter, Header, Request

from .orders import fulfil

router = APIRouter()


@router.post("/webhooks/stripe")  # expect: payments/webhook-unverified
async def stripe_events(request: Request):
    event = await request.json()
    if event["type"] == "checkout.session.completed":
        await fulfil(event["data"]["object"]["id"])
    return {"ok": True}


@router.post("/webhooks/stripe-verified")  # ok: payments/webhook-unverified
async def stripe_events_verified(request: Request, stripe_signature: str = Header(None)):
    payload = await request.body()
    event = stripe.Webhook.construct_event(payload, stripe_signature, os.environ["STRIPE_WEBHOOK_SECRET"])
    if event["type"] == "checkout.session.completed":
        await fulfil(event["data"]["object"]["id"])
    return {"ok": True}
