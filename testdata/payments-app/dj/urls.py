from django.urls import path, re_path

from . import views

urlpatterns = [
    path("billing/", views.billing_page, name="billing"),
    path("webhooks/stripe/", views.stripe_webhook, name="stripe-webhook"),
    path("webhooks/lemon/", views.lemon_events, name="lemon-webhook"),
    path("webhooks/lemon-verified/", views.lemon_events_verified),
    re_path(r"^webhooks/paddle/$", views.PaddleHook.as_view()),
    path("webhooks/clerk/", views.ClerkWebhookView.as_view()),
]
