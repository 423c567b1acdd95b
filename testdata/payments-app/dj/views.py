import hashlib
import hmac
import json
import os

import stripe
from django.http import HttpResponse, JsonResponse
from django.views import View
from django.views.decorators.csrf import csrf_exempt
from svix.webhooks import Webhook

from .models import Course, Order, StripeEvent, Subscription
from .tasks import process_event, record_event


@csrf_exempt
def stripe_webhook(request):  # expect: payments/webhook-unverified
    event = json.loads(request.body)
    if event["type"] == "checkout.session.completed":
        Order.objects.filter(stripe_session=event["data"]["object"]["id"]).update(paid=True)
    return HttpResponse(status=200)


@csrf_exempt
def stripe_webhook_verified(request):  # ok: payments/webhook-unverified
    event = stripe.Webhook.construct_event(
        request.body, request.META["HTTP_STRIPE_SIGNATURE"], os.environ["STRIPE_WEBHOOK_SECRET"]
    )
    if event["type"] == "checkout.session.completed":
        Order.objects.filter(stripe_session=event["data"]["object"]["id"]).update(paid=True)
    return HttpResponse(status=200)


@csrf_exempt
def lemon_events(request):  # expect: payments/webhook-unverified
    payload = json.loads(request.body)
    Subscription.objects.filter(customer=payload["data"]["attributes"]["customer_id"]).update(active=True)
    return HttpResponse(status=200)


@csrf_exempt
def lemon_events_verified(request):  # ok: payments/webhook-unverified
    digest = hmac.new(os.environ["LEMON_SECRET"].encode(), request.body, hashlib.sha256).hexdigest()
    if not hmac.compare_digest(digest, request.headers.get("X-Signature", "")):
        return HttpResponse(status=401)
    payload = json.loads(request.body)
    Subscription.objects.filter(customer=payload["data"]["attributes"]["customer_id"]).update(active=True)
    return HttpResponse(status=200)


class PaddleHook(View):
    def get(self, request):  # ok: payments/webhook-unverified
        return JsonResponse({"status": "up"})

    def post(self, request):  # expect: payments/webhook-unverified
        event = json.loads(request.body)
        Subscription.objects.filter(paddle_id=event["data"]["id"]).update(active=True)
        return HttpResponse(status=200)


class ClerkWebhookView(View):
    def post(self, request):  # ok: payments/webhook-unverified
        wh = Webhook(os.environ["CLERK_WEBHOOK_SECRET"])
        event = wh.verify(request.body, dict(request.headers))
        if event["type"] == "user.created":
            Subscription.objects.create(user_ref=event["data"]["id"])
        return HttpResponse(status=200)


def billing_page(request):  # ok: payments/webhook-unverified
    return JsonResponse({"plan": request.user.plan})


class ChargeView(View):
    def post(self, request):
        json_data = json.loads(request.body)
        charge = stripe.Charge.create(
            amount=json_data["amount"],  # expect: payments/client-controlled-amount
            currency="usd",
            source=json_data["token"],
            idempotency_key=json_data["nonce"],
        )
        return JsonResponse({"id": charge.id})

    def put(self, request):
        json_data = json.loads(request.body)
        course = Course.objects.get(pk=json_data["course_id"])
        charge = stripe.Charge.create(
            amount=course.price_cents,  # ok: payments/client-controlled-amount
            currency="usd",
            source=json_data["token"],
            idempotency_key=json_data["nonce"],
        )
        return JsonResponse({"id": charge.id})


@csrf_exempt
def stripe_webhook_deferred(request):  # ok: payments/webhook-unverified
    # stored as received; the task verifies the signature before acting on it
    event = StripeEvent.objects.create(body=request.body.decode(), headers=dict(request.headers))
    process_event.delay(event.id)
    return HttpResponse(status=202)


@csrf_exempt
def stripe_webhook_deferred_unverified(request):  # expect: payments/webhook-unverified
    event = StripeEvent.objects.create(body=request.body.decode(), headers=dict(request.headers))
    record_event.delay(event.id)
    return HttpResponse(status=202)
