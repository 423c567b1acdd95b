import os

import stripe
from celery import shared_task

from .models import StripeEvent, Subscription


def check_signature(event):
    stripe.Webhook.construct_event(event.body, event.headers["Stripe-Signature"], os.environ["STRIPE_WEBHOOK_SECRET"])


@shared_task
def process_event(event_id):
    event = StripeEvent.objects.get(pk=event_id)
    check_signature(event)
    Subscription.objects.filter(stripe_id=event.payload["data"]["object"]["id"]).update(active=True)


@shared_task
def record_event(event_id):
    event = StripeEvent.objects.get(pk=event_id)
    Subscription.objects.filter(stripe_id=event.payload["data"]["object"]["id"]).update(active=True)
