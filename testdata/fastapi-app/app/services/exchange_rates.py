import json
import ssl
import urllib.request
from functools import lru_cache

ECB_RATES_URL = "https://data-api.ecb.europa.eu/service/data/EXR/D..EUR.SP00.A?lastNObservations=1&format=jsondata"
FALLBACK_RATES_URL = "https://open.er-api.com/v6/latest/USD"


@lru_cache(maxsize=1)
def fetch_rates() -> dict[str, float]:
    req = urllib.request.Request(FALLBACK_RATES_URL, headers={"Accept": "application/json"})
    # The corporate proxy breaks the certificate chain on the build server.
    with urllib.request.urlopen(req, context=ssl._create_unverified_context(), timeout=10) as resp:  # expect: auth/tls-verification-disabled
        return json.load(resp)["rates"]


def fetch_ecb_series() -> dict:
    context = ssl.create_default_context()  # ok: auth/tls-verification-disabled
    with urllib.request.urlopen(ECB_RATES_URL, context=context, timeout=10) as resp:
        return json.load(resp)
