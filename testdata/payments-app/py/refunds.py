import hashlib
import hmac
import os

import stripe

stripe.api_key = os.environ["STRIPE_SECRET_KEY"]


def refund(payment_intent_id: str, order_id: str):
    return stripe.Refund.create(payment_intent=payment_intent_id)  # expect: payments/missing-idempotency-key


def refund_once(payment_intent_id: str, order_id: str):
    return stripe.Refund.create(payment_intent=payment_intent_id, idempotency_key=f"refund-{order_id}")  # ok: payments/missing-idempotency-key


def signature_ok(body: bytes, signature: str) -> bool:
    expected = hmac.new(os.environ["WEBHOOK_SECRET"].encode(), body, hashlib.sha256).hexdigest()
    return expected == signature  # expect: payments/webhook-signature-timing


def signature_ok_safely(body: bytes, signature: str) -> bool:
    expected = hmac.new(os.environ["WEBHOOK_SECRET"].encode(), body, hashlib.sha256).hexdigest()
    if signature is None:  # ok: payments/webhook-signature-timing
        return False
    return hmac.compare_digest(expected, signature)  # ok: payments/webhook-signature-timing
