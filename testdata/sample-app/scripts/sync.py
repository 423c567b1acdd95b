import os

import requests

API = os.environ["PARTNER_API"]


def pull_orders():
    # The partner's staging certificate expired; the builder "fixed" it.
    resp = requests.get(f"{API}/orders", verify=False, timeout=10)  # expect: auth/tls-verification-disabled
    resp.raise_for_status()
    return resp.json()


def push_report(payload):
    # shipsafe-ignore[auth/tls-verification-disabled]: loopback test double, no network
    return requests.post("http://127.0.0.1:9000/report", json=payload, verify=False)  # suppressed: auth/tls-verification-disabled
