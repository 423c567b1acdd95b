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


def payu_response_ok(form: dict) -> bool:
    # PayU's reverse hash: a SHA-512 keyed with the merchant salt, so a signature
    salt = os.environ["PAYU_SALT"]
    fields = [salt, form["status"], form["email"], form["firstname"], form["amount"], form["txnid"], os.environ["PAYU_KEY"]]
    calculated = hashlib.sha512("|".join(fields).encode()).hexdigest()
    return calculated == form["hash"]  # expect: payments/webhook-signature-timing


def otp_ok(stored_hash: str, code: str) -> bool:
    # a hash of what the user typed, checked against the stored one: a password check
    code_hash = hashlib.sha256(code.encode()).hexdigest()
    return stored_hash == code_hash  # ok: payments/webhook-signature-timing


def cached_refund(db, RefundCache, payment_intent_id: str):
    key_hash = hashlib.sha256(f"{payment_intent_id}|{stripe.api_key[:4]}".encode()).hexdigest()
    # a SQLAlchemy condition: the comparison is SQL, run by the database
    return db.query(RefundCache).filter(RefundCache.key_hash == key_hash).first()  # ok: payments/webhook-signature-timing
