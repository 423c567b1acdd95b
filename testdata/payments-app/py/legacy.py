from fastapi import APIRouter, Request

router = APIRouter()


@router.post("/webhook", include_in_schema=False)  # ok: payments/webhook-unverified
async def legacy_stripe_webhook(request: Request):
    """Kept for old Stripe settings: forwards to the handler that verifies the event."""
    from .webhooks import stripe_events_verified as canonical_webhook

    return await canonical_webhook(request=request)


@router.post("/webhook/v0")  # expect: payments/webhook-unverified
async def older_stripe_webhook(request: Request):
    from .orders import fulfil as complete_order

    event = await request.json()
    return await complete_order(event["data"]["object"]["id"])
