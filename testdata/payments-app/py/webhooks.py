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


@router.post("/webhooks/stripe-parsed")  # ok: payments/webhook-unverified
async def stripe_events_parsed(request: Request, stripe_signature: str = Header(None)):
    event = await request.json()
    verified = stripe.Webhook.construct_event(
        payload=event,  # note: payments/webhook-unverified
        sig_header=stripe_signature,
        secret=os.environ["STRIPE_WEBHOOK_SECRET"],
    )
    if verified["type"] == "checkout.session.completed":
        await fulfil(verified["data"]["object"]["id"])
    return {"ok": True}
