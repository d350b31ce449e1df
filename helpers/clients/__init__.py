"""The popular client libraries, driven offline: what each one signs, what it sends, the verdict.

Notebook 10 puts three libraries side by side (versions pinned in ``requirements-peers.txt``):
``binance-sdk-spot`` (Binance's official SDK, signing code in ``binance-common``),
``python-binance`` and ``ccxt``. Each is driven through its **own** signing code, with
nothing re-implemented:

1. The client is built as a learner would build it, with Binance's documented example key
   pair (``helpers.examples``), and asked to sign the docs' own examples (``orders``).
2. Its edges are stubbed (``stubs``): the HTTP layer records the bytes that would go on the
   wire, the clock is pinned, the HMAC function is wrapped so the payload it really signs
   is recorded as passed.
3. Optionally the recorded bytes are forwarded, unchanged, to a ``LocalExchange``
   (``rest.forward``, or ``handle_ws``), whose ``Verdict`` says whether the signature
   covers what arrived.

The modules, one concern each:

- ``libraries`` — the three clients' names, ``versions()``, ``library_lines`` (a library's
  own source lines, to quote), quiet imports;
- ``stubs`` — ``RecordingAdapter``, ``pinned_clock``, the HMAC spy, a thread for coroutines;
- ``orders`` — the docs' example orders, payloads and signatures (read from
  ``helpers.examples``), and where the requests go;
- ``sdk``, ``python_binance``, ``ccxt`` — one driver per library: its REST and WebSocket
  signed-request functions, called on the stubs;
- ``captures`` — ``Capture`` / ``WsCapture``: what a client signed next to what it sent;
- ``rest`` / ``websocket`` — ``rest_request`` and ``library_ws_request``: one client, one request;
- ``tables`` — ``compare_clients``, ``compare_ws``, ``value_table``: all clients side by side;
- ``differences`` — the notebook's summary table, computed from real runs.

The client libraries are imported inside the functions that use them, so
``import helpers.clients`` costs no more than the standard library and ``helpers.compare``.
The browser edition has none of the three (they send over sockets): there the import
raises ``helpers.browser_edition.DesktopOnly``, and notebook 10 shows its stored outputs.
"""

from helpers.browser_edition import IN_BROWSER, DesktopOnly

if IN_BROWSER:
    raise DesktopOnly("the client libraries binance-sdk-spot, python-binance and ccxt")

from helpers.clients.captures import Capture, WsCapture
from helpers.clients.differences import differences, order_kind
from helpers.clients.libraries import (
    CCXT,
    CLIENTS,
    PYTHON_BINANCE,
    SDK,
    library_lines,
    versions,
)
from helpers.clients.orders import (
    BASE_ORDER,
    DOCS_ORDER,
    DOCS_SIGNATURE,
    DOCS_WS_ASCII_ORDER,
    DOCS_WS_ASCII_SIGNATURE,
    DOCS_WS_ORDER,
    DOCS_WS_PAYLOAD,
    DOCS_WS_SIGNATURE,
    DOCS_WS_TIMESTAMP,
    ORDER_TEST_PATH,
)
from helpers.clients.rest import forward, rest_request
from helpers.clients.sdk import sdk_generic_call_error
from helpers.clients.stubs import RecordingAdapter, pinned_clock
from helpers.clients.tables import ClientTable, compare_clients, compare_ws, value_table
from helpers.clients.websocket import library_ws_request

__all__ = [
    "BASE_ORDER",
    "CCXT",
    "CLIENTS",
    "DOCS_ORDER",
    "DOCS_SIGNATURE",
    "DOCS_WS_ASCII_ORDER",
    "DOCS_WS_ASCII_SIGNATURE",
    "DOCS_WS_ORDER",
    "DOCS_WS_PAYLOAD",
    "DOCS_WS_SIGNATURE",
    "DOCS_WS_TIMESTAMP",
    "ORDER_TEST_PATH",
    "PYTHON_BINANCE",
    "SDK",
    "Capture",
    "ClientTable",
    "RecordingAdapter",
    "WsCapture",
    "compare_clients",
    "compare_ws",
    "differences",
    "forward",
    "library_lines",
    "library_ws_request",
    "order_kind",
    "pinned_clock",
    "rest_request",
    "sdk_generic_call_error",
    "value_table",
    "versions",
]
