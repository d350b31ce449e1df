"""The notebook's summary of how the clients differ, computed now from real runs.

Every cell of ``differences()`` comes from ``rest_request``/``library_ws_request`` on the
installed versions, so the table cannot go stale: when a release changes a behaviour, the
table changes with it (and ``tests/clients/test_clients.py`` fails first).
"""

from collections.abc import Callable

from helpers.clients.captures import Capture
from helpers.clients.libraries import CLIENTS
from helpers.clients.orders import BASE_ORDER, DOCS_ORDER, DOCS_SIGNATURE, DOCS_WS_SIGNATURE
from helpers.clients.rest import rest_request
from helpers.clients.tables import ClientTable, client_columns, value_cell, yes_no
from helpers.clients.websocket import library_ws_request

__all__ = ["differences", "order_kind"]


def order_kind(capture: Capture) -> str:
    """How the client ordered the parameters it signed, in words."""
    names = capture.signed_names
    if names == sorted(names):
        return "sorted by name"
    if names[0] == "timestamp":
        return "timestamp first, then as given"
    if names[-1] == "timestamp":
        return "as given, timestamp last"
    return "other: " + ",".join(names)


def differences(exchange: object = None) -> ClientTable:
    """The notebook's summary: each known difference, probed with each client right now.

    ``exchange`` (a running ``LocalExchange`` pinned near the docs' timestamp) adds REST
    verdicts to the value rows.
    """

    def run(client: str, **extra: object) -> Capture:
        return rest_request(client, {**dict(BASE_ORDER), **extra}, exchange=exchange)

    def sent(name: str, **extra: object) -> Callable[[str], str]:
        return lambda client: value_cell(run(client, **extra), name)

    def window(capture: Capture) -> str:
        return capture.sent_value("recvWindow") or "left out"

    docs = {c: rest_request(c, DOCS_ORDER, exchange=exchange) for c in CLIENTS}
    ws = {c: library_ws_request(c) for c in CLIENTS}
    probes: list[tuple[str, Callable[[str], str]]] = [
        ("parameter order", lambda c: order_kind(docs[c])),
        ("parameters travel in", lambda c: f"{docs[c].method} {docs[c].where}"),
        (
            f"docs' order signed {DOCS_SIGNATURE[:8]}…?",
            lambda c: yes_no(docs[c].signature == DOCS_SIGNATURE),
        ),
        ("space", sent("newClientOrderId", newClientOrderId="kit order 1")),
        ("list", sent("symbols", symbols=["BTCUSDT", "BNBBTC"])),
        ("True", sent("computeCommissionRates", computeCommissionRates=True)),
        ("float 0.00001", sent("quantity", quantity=0.00001)),
        ("None", sent("newClientOrderId", newClientOrderId=None)),
        ("recvWindow=5000", lambda c: window(docs[c])),
        ("recvWindow='6000.5'", lambda c: window(run(c, recvWindow="6000.5"))),
        ("no recvWindow", lambda c: window(run(c))),
        ("non-ASCII symbol", sent("symbol", symbol="１２３４５６")),
        ("non-ASCII in another value", sent("newClientOrderId", newClientOrderId="注文-1")),
        (
            "WebSocket payload",
            lambda c: "raw UTF-8" if "symbol=１２３４５６" in ws[c].signed else "percent-encoded",
        ),
        ("WebSocket recvWindow=5000", lambda c: str(ws[c].params.get("recvWindow", "left out"))),
        (
            f"WebSocket signed {DOCS_WS_SIGNATURE[:8]}…?",
            lambda c: yes_no(ws[c].signature == DOCS_WS_SIGNATURE),
        ),
    ]
    rows = [(label, [probe(client) for client in CLIENTS]) for label, probe in probes]
    return ClientTable("What each client does, measured now", client_columns(), rows)
