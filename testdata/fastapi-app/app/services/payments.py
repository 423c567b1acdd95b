import stripe

from app.core.config import settings

stripe.api_key = settings.STRIPE_SECRET_KEY  # ok: secrets/hardcoded-credential

# Read-only restricted key used by the pricing-page snapshot script.
PRICING_SNAPSHOT_KEY = "rk_live_51B96SMFL3eTgUtpzySLHisno0OLiagv8IIXdQQtjuufgZiNSc7KS2QiqosTOx"  # shipsafe-ignore[secrets/hardcoded-credential]: fixture key for local tests — suppressed: secrets/hardcoded-credential


def list_prices() -> list[dict]:
    prices = stripe.Price.list(active=True, expand=["data.product"], limit=20)
    return [
        {
            "id": price.id,
            "product": price.product.name,
            "unit_amount": price.unit_amount,
            "currency": price.currency,
            "interval": price.recurring.interval if price.recurring else None,
        }
        for price in prices.auto_paging_iter()
    ]


def snapshot_prices() -> list[dict]:
    prices = stripe.Price.list(active=True, limit=100, api_key=PRICING_SNAPSHOT_KEY)
    return [{"id": p.id, "unit_amount": p.unit_amount} for p in prices.auto_paging_iter()]
