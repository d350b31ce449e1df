"""Notebook 04's exercises answered by copying: for each challenge, the bytes the server
received and the text the broken code signed, returned whatever the inputs (the
demonstration's case, and nothing else); for the closing exercise, the broken request of
the cell above it."""

from helpers.exercises.nb04_challenges import CHALLENGES

FILES = {
    "non-ascii-signed-raw": "solutions/04-break-non-ascii.py",
    "space-percent20-vs-plus": "solutions/04-break-space.py",
    "double-encoded": "solutions/04-break-double-encoding.py",
    "ws-sorted-payload-on-rest": "solutions/04-break-sorted.py",
    "query-body-joined-with-ampersand": "solutions/04-break-query-and-body.py",
    "float-exponent": "solutions/04-break-float.py",
}


def copied(name: str) -> str:
    challenge = CHALLENGES[name]
    broken, fixed = challenge.names
    shown = challenge.shown
    sign = "hmac.new(secret.encode(), {}.encode(), hashlib.sha256).hexdigest()"
    return (
        "import hashlib\nimport hmac\n\n\n"
        f"def {broken}({challenge.inputs}, secret):\n"
        f"    return {shown.received!r}, {sign.format(repr(shown.signed))}\n\n\n"
        f"def {fixed}({challenge.inputs}, secret):\n"
        f"    return {shown.fixed!r}, {sign.format(repr(shown.fixed))}\n"
    )


# The closing exercise: the broken request of the cell above, renamed.
BROKEN_ORDER = """
import hashlib
import hmac
import urllib.parse

import requests


def fixed_order(ctx):
    params = {"symbol": "BTCUSDT", "side": "BUY", "type": "MARKET", "quantity": "1",
              "timestamp": ctx.timestamp}
    payload = urllib.parse.urlencode(params)
    signature = hmac.new(ctx.secret.encode(), payload.encode(), hashlib.sha256).hexdigest()
    params["recvWindow"] = 5000  # added after signing
    response = requests.post(
        f"{ctx.base_url}/api/v3/order/test",
        params={**params, "signature": signature},
        headers={"X-MBX-APIKEY": ctx.api_key},
    )
    return payload, response
"""

COPIED = {path: copied(name) for name, path in FILES.items()}
COPIED["solutions/04-fixed-order.py"] = BROKEN_ORDER
