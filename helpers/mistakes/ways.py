"""What every demonstration shares: the ``Context`` it sends with, the request shapes the
broken code repeats, and the fixes several mistakes share.

A demonstration is a function ``way(ctx) -> (payload signed, response)``. The wrong ways
are written with ``requests``, ``hmac`` and ``urllib`` directly, as learners find them in
blog posts; only the part that is the same in all of them — "GET this path with the
signature appended and the API key header" — is written once here, as ``get_signed``.
The fixes use the kit: ``helpers.request.sign_request`` and ``send``.
"""

from dataclasses import dataclass

import requests

from helpers.examples import EXAMPLE_API_KEY, EXAMPLE_SECRET_KEY, EXAMPLE_TIMESTAMP
from helpers.request import send, sign_request
from helpers.wire import API_KEY_HEADER, FORM_CONTENT_TYPE

__all__ = [
    "Context",
    "account_right",
    "get_signed",
    "open_orders_right",
    "order_test_right",
    "post_form",
    "sign_and_send",
]

ORDER = {"symbol": "BTCUSDT", "side": "SELL", "type": "MARKET", "quantity": "1"}


@dataclass(frozen=True)
class Context:
    """Where and with what the demonstrations send their requests. Time is pinned, not read."""

    base_url: str
    api_key: str = EXAMPLE_API_KEY
    secret: str = EXAMPLE_SECRET_KEY
    timestamp: int = EXAMPLE_TIMESTAMP

    def __repr__(self) -> str:  # never show a secret, even an example one, in a repr
        return f"Context(base_url={self.base_url!r})"


def get_signed(ctx: Context, path: str, query: str, signature: str):
    """``requests.get(base_url + path?query&signature=...)`` with the API key header: how
    the broken examples send a GET once they have signed ``query``."""
    return requests.get(
        f"{ctx.base_url}{path}?{query}&signature={signature}",
        headers={API_KEY_HEADER: ctx.api_key},
    )


def post_form(ctx: Context, path: str, body: str):
    """``requests.post`` of a form ``body`` (already holding its signature) with the API
    key header and the form Content-Type."""
    return requests.post(
        f"{ctx.base_url}{path}",
        data=body,
        headers={API_KEY_HEADER: ctx.api_key, "Content-Type": FORM_CONTENT_TYPE},
    )


def sign_and_send(ctx: Context, method: str, path: str, params=(), **options):
    """The fix, every time: ``sign_request`` builds the bytes once and signs them, ``send``
    puts exactly those bytes on the wire. Returns ``(payload signed, reply)``."""
    signed = sign_request(
        method, path, params,
        api_key=ctx.api_key, secret=ctx.secret, timestamp=ctx.timestamp, **options,
    )  # fmt: skip
    return signed.payload, send(signed, ctx.base_url)


def open_orders_right(ctx):
    return sign_and_send(ctx, "GET", "/api/v3/openOrders", {"symbol": "LTCBTC"})


def account_right(ctx):
    # The key goes in the X-MBX-APIKEY header, the timestamp in milliseconds.
    return sign_and_send(ctx, "GET", "/api/v3/account")


def order_test_right(ctx):
    return sign_and_send(ctx, "POST", "/api/v3/order/test", ORDER)
