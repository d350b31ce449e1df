"""The requests the comparison sends: Binance's documented examples, and where they go.

Every order here is read from ``helpers.examples`` (the docs' vectors, package data), never
re-typed: the clients are built with the docs' example key pair and asked to sign the docs'
own examples, so a client that follows the docs must reproduce the docs' signatures.

- ``DOCS_ORDER`` — rest-api.md → "Request Security" → "SIGNED Endpoint Examples for POST
  /api/v3/order": the example order in the docs' order, ``recvWindow`` included; each
  client adds ``timestamp`` itself from its (pinned) clock. Its signature is
  ``DOCS_SIGNATURE`` (``c8db5682…``).
- ``BASE_ORDER`` — the same order without ``recvWindow``: the plain order each probe adds
  one parameter to (or changes one in).
- ``DOCS_WS_ORDER`` / ``DOCS_WS_ASCII_ORDER`` — web-socket-api.md → "Request security" →
  "SIGNED request example (HMAC)", the non-ASCII and the ASCII example, without ``apiKey``
  and ``timestamp`` (each client adds both); ``recvWindow`` is a number, as in the docs'
  JSON request. ``DOCS_WS_PAYLOAD``, ``DOCS_WS_SIGNATURE``, ``DOCS_WS_ASCII_SIGNATURE`` and
  ``DOCS_WS_TIMESTAMP`` are the docs' payload, signatures and timestamp for them.
"""

from helpers.examples import EXAMPLE_ORDER, EXAMPLE_RECV_WINDOW, vector

ORDER_TEST_PATH = "/api/v3/order/test"
REST_BASE_URL = "https://api.binance.com"  # never reached: the HTTP layer is stubbed
WS_REQUEST_ID = "kit-1"  # passed in, so no client draws a random id

BASE_ORDER = EXAMPLE_ORDER
DOCS_ORDER = (*EXAMPLE_ORDER, ("recvWindow", EXAMPLE_RECV_WINDOW))
DOCS_SIGNATURE = vector("rest-hmac-ascii")["signature"]


def ws_order(vector_id: str) -> tuple[tuple[str, object], ...]:
    """The params of WebSocket vector ``vector_id`` a client is given: without ``apiKey`` and
    ``timestamp`` (the client adds them), ``recvWindow`` as a number."""
    return tuple(
        (name, int(value) if name == "recvWindow" else value)
        for name, value in vector(vector_id)["params"]
        if name not in ("apiKey", "timestamp")
    )


_WS = vector("ws-hmac-non-ascii")
DOCS_WS_ORDER = ws_order("ws-hmac-non-ascii")
DOCS_WS_TIMESTAMP = int(dict(_WS["params"])["timestamp"])
DOCS_WS_PAYLOAD = _WS["payload"]
DOCS_WS_SIGNATURE = _WS["signature"]
DOCS_WS_ASCII_ORDER = ws_order("ws-hmac-ascii")
DOCS_WS_ASCII_SIGNATURE = vector("ws-hmac-ascii")["signature"]
