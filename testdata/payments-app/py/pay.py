import os

import stripe
from flask import Flask, jsonify, request

from .catalog import price_for

app = Flask(__name__)
stripe.api_key = os.environ["STRIPE_SECRET_KEY"]


@app.post("/pay")
def pay():
    intent = stripe.PaymentIntent.create(amount=request.json["amount"], currency="usd", idempotency_key=request.json["cart_id"])  # expect: payments/client-controlled-amount
    return jsonify(client_secret=intent.client_secret)


@app.post("/pay/product")
def pay_product():
    amount = price_for(request.json["product_id"])
    intent = stripe.PaymentIntent.create(amount=amount, currency="usd", idempotency_key=request.json["cart_id"])  # ok: payments/client-controlled-amount
    return jsonify(client_secret=intent.client_secret)
