"""ccxt, driven offline through its own code: ``binance`` for REST, ``ccxt.pro``'s for the
WebSocket API.

``Exchange.hmac(request, secret, ...)`` signs. Its implicit REST methods such as
``private_post_order_test(params)`` call ``Exchange.request(path, "private", method,
params)``, where ``binance.sign`` signs; its ``*_ws`` order methods sign with
``ccxt.pro.binance.sign_params`` and send ``{"id", "method", "params": signed params}``.
Those are the calls made here, on the exchange's own session (HTTP recorded by
``RecordingAdapter``).
"""

import json
from collections.abc import Mapping

from helpers.clients.libraries import quiet, quiet_import
from helpers.clients.orders import WS_REQUEST_ID
from helpers.clients.stubs import RecordingAdapter, recording_signatures
from helpers.examples import EXAMPLE_API_KEY, EXAMPLE_SECRET_KEY

__all__ = ["exchange", "rest", "ws"]

PRIVATE_PREFIX = "/api/v3/"  # ccxt's "private" API takes paths relative to it


def exchange(options: Mapping[str, object] | None = None, *, pro: bool = False) -> object:
    """A ``ccxt.binance`` (``ccxt.pro.binance`` if ``pro``) built with the docs' example key
    pair and the exchange ``options`` given (e.g. ``{"recvWindow": 5000}``), rate limit off."""
    module = quiet_import("ccxt.pro" if pro else "ccxt")
    config = {"apiKey": EXAMPLE_API_KEY, "secret": EXAMPLE_SECRET_KEY, "enableRateLimit": False}
    if options:
        config["options"] = dict(options)
    with quiet():
        return module.binance(config)


def rest(params: dict, path: str, method: str, signed: list) -> RecordingAdapter:
    """One signed REST request through ``Exchange.request(path, "private", method, params)``;
    each ``(payload, signature)`` signed is appended to ``signed``."""
    if not path.startswith(PRIVATE_PREFIX):
        raise ValueError(f"path: ccxt's 'private' API takes paths under {PRIVATE_PREFIX}")
    binance = exchange()
    recorder = RecordingAdapter().mount_on(binance.session)
    with recording_signatures(binance, "hmac", signed), quiet():
        binance.request(path[len(PRIVATE_PREFIX) :], "private", method, params)
    return recorder


def ws(
    params: dict, method: str, signed: list, options: Mapping[str, object] | None = None
) -> list[str]:
    """One signed WebSocket API request through ``ccxt.pro.binance.sign_params``, with the
    exchange ``options`` given; returns the frame its ``*_ws`` methods would send."""
    binance = exchange(options, pro=True)
    with recording_signatures(binance, "hmac", signed), quiet():
        signed_params = binance.sign_params(params)
    return [json.dumps({"id": WS_REQUEST_ID, "method": method, "params": signed_params})]
