"""One client, one WebSocket API request: the payload it signed and the JSON frame it would
send (``library_ws_request``), optionally judged by a ``LocalExchange`` (``handle_ws``).

The default request is the docs' non-ASCII example (``orders.DOCS_WS_ORDER``); each client
adds ``apiKey`` and ``timestamp`` itself, from its pinned clock.
"""

from collections.abc import Mapping
from dataclasses import replace

from helpers.clients import ccxt, python_binance, sdk
from helpers.clients.captures import WsCapture, as_text
from helpers.clients.libraries import CCXT, PYTHON_BINANCE, SDK, quiet, validate_client, versions
from helpers.clients.orders import DOCS_WS_ORDER, DOCS_WS_TIMESTAMP
from helpers.clients.stubs import pinned_clock

__all__ = ["library_ws_request"]

DRIVERS = {SDK: sdk.ws, PYTHON_BINANCE: python_binance.ws, CCXT: ccxt.ws}


def library_ws_request(
    client: str,
    params: object = DOCS_WS_ORDER,
    *,
    method: str = "order.test",
    timestamp: int = DOCS_WS_TIMESTAMP,
    exchange: object = None,
    options: Mapping[str, object] | None = None,
) -> WsCapture:
    """Let ``client`` sign a WebSocket API request (default: the docs' non-ASCII example),
    with its clock pinned at ``timestamp``; the client adds ``apiKey`` and ``timestamp``.

    ``options`` are ccxt's exchange options (e.g. ``{"recvWindow": 5000}``); the other
    clients take none. If ``exchange`` is given, the frame goes to its ``handle_ws`` and the
    verdict is kept in ``WsCapture.verdict``.
    """
    validate_client(client)
    if options is not None and client != CCXT:
        raise ValueError(f"options: only ccxt takes exchange options here, not {client}")
    extra = {"options": options} if client == CCXT else {}
    signed: list = []
    with pinned_clock(timestamp, (client,)), quiet():
        frames = DRIVERS[client](dict(params), method, signed, **extra)
    if len(frames) != 1 or len(signed) != 1:
        raise RuntimeError(
            f"{client}: expected one signed frame, recorded {len(frames)} frame(s) and "
            f"{len(signed)} signature(s)"
        )
    payload, signature = signed[0]
    capture = WsCapture(client, versions()[client], as_text(payload), signature, frames[0])
    if exchange is not None:
        exchange.handle_ws(capture.frame)
        capture = replace(capture, verdict=exchange.last_verdict)
    return capture
