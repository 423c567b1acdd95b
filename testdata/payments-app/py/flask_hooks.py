import os

import stripe
from flask import Flask, request

from .orders import fulfil
from .refunds import signature_ok_safely

app = Flask(__name__)


@app.route("/webhooks/stripe", methods=["POST"])  # expect: payments/webhook-unverified
def stripe_hook():
    event = request.get_json()
    if event["type"] == "invoice.paid":
        fulfil(event["data"]["object"]["id"])
    return "", 200


@app.post("/webhooks/stripe-verified")  # ok: payments/webhook-unverified
def stripe_hook_verified():
    event = stripe.Webhook.construct_event(
        request.get_data(), request.headers.get("Stripe-Signature"), os.environ["STRIPE_WEBHOOK_SECRET"]
    )
    if event["type"] == "invoice.paid":
        fulfil(event["data"]["object"]["id"])
    return "", 200


def paddle_events():  # ok: payments/webhook-unverified
    # verified by a helper in another module
    if not signature_ok_safely(request.get_data(), request.headers.get("Paddle-Signature")):
        return "", 401
    fulfil(request.get_json()["data"]["id"])
    return "", 200


def lemon_events():  # expect: payments/webhook-unverified
    fulfil(request.get_json()["data"]["id"])
    return "", 200


app.add_url_rule("/webhooks/paddle", view_func=paddle_events, methods=["POST"])
app.add_url_rule("/webhooks/lemon", view_func=lemon_events, methods=["POST"])
