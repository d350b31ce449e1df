"""The popular client libraries, driven offline: what each one signs, what it sends, the verdict.

Notebook 10 puts three libraries side by side (versions pinned in ``requirements-peers.txt``):

- ``binance-sdk-spot`` — Binance's official modular SDK; its signing code lives in
  ``binance-common`` (``binance_common.utils``);
- ``python-binance`` — the community client (``binance.client.Client``);
- ``ccxt`` — its ``binance`` exchange for REST, and ``ccxt.pro``'s for the WebSocket API.

Each is driven through its **own** signing code, with nothing re-implemented:

1. The client is built as a learner would build it, with Binance's documented example key
   pair (``helpers.examples``).
2. Its HTTP layer is stubbed. All three send REST requests with ``requests``; a
   ``RecordingAdapter`` mounted on the client's own ``requests.Session`` records the
   prepared request — method, URL, headers, body: the bytes that would go on the wire —
   and answers ``{}`` (what ``POST /api/v3/order/test`` answers) without any network. For
   the WebSocket API a fake socket records the JSON frame instead.
3. Its HMAC function is wrapped, so the payload it really signs is recorded as passed:
   ``binance_common.utils.hmac_hashing``, ``Client._hmac_signature``, ``Exchange.hmac``.
4. Its clock is pinned (``pinned_clock``): each library reads the wall clock through its own
   module's ``time`` (``time.time()``, or ``time.time_ns()`` for ccxt), and that name is
   swapped for a frozen clock while the request is built, so every timestamp is fixed.
5. Optionally the recorded bytes are forwarded, unchanged, to a ``LocalExchange``
   (``forward``), whose ``Verdict`` says whether the signature covers what arrived.

The public functions: ``rest_request`` and ``ws_request`` (one client, one request →
``Capture`` / ``WsCapture``), ``compare_clients`` and ``compare_ws`` (all clients, same
parameters → a side-by-side table), ``value_table`` (one parameter, several values → the
text each client sends), ``differences`` (the notebook's summary table, computed),
``library_lines`` (a library's own source lines, to quote), ``sdk_generic_call_error``,
``versions``, ``pinned_clock``, ``forward`` and ``time_signing`` (benchmark numbers).

The client libraries are imported inside the functions that use them, so
``import helpers.clients`` costs no more than the standard library and ``helpers.compare``.
"""

import contextlib
import hashlib
import hmac
import html
import json
import statistics
import sys
import threading
import time
import urllib.parse
import warnings
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field, replace

from helpers.compare import Comparison, compare
from helpers.examples import (
    EXAMPLE_API_KEY,
    EXAMPLE_ORDER,
    EXAMPLE_RECV_WINDOW,
    EXAMPLE_SECRET_KEY,
    EXAMPLE_TIMESTAMP,
)

__all__ = [
    "CLIENTS",
    "DOCS_ORDER",
    "DOCS_WS_ASCII_ORDER",
    "DOCS_WS_ASCII_SIGNATURE",
    "DOCS_WS_ORDER",
    "DOCS_WS_SIGNATURE",
    "DOCS_WS_TIMESTAMP",
    "Capture",
    "ClientTable",
    "RecordingAdapter",
    "WsCapture",
    "compare_clients",
    "compare_ws",
    "differences",
    "forward",
    "library_lines",
    "pinned_clock",
    "rest_request",
    "sdk_generic_call_error",
    "time_signing",
    "value_table",
    "versions",
    "ws_request",
]

SDK, PYTHON_BINANCE, CCXT = "binance-sdk-spot", "python-binance", "ccxt"
CLIENTS = (SDK, PYTHON_BINANCE, CCXT)

# The distributions whose versions describe each client (the first is the client itself).
_DISTRIBUTIONS = {
    SDK: ("binance-sdk-spot", "binance-common"),
    PYTHON_BINANCE: ("python-binance",),
    CCXT: ("ccxt",),
}

ORDER_TEST_PATH = "/api/v3/order/test"
REST_BASE_URL = "https://api.binance.com"  # never reached: the HTTP layer is stubbed

# Binance's documented example order (REST API, "SIGNED Endpoint Examples"), in the docs'
# order, recvWindow included; each client adds the timestamp itself from its (pinned) clock.
DOCS_ORDER = (*EXAMPLE_ORDER, ("recvWindow", EXAMPLE_RECV_WINDOW))

# WebSocket API, "SIGNED request security", the non-ASCII example: its payload is sorted and
# raw UTF-8 (symbol=１２３４５６ as is), and its signature is the literal below.
DOCS_WS_ORDER = (
    ("symbol", "１２３４５６"),
    ("side", "BUY"),
    ("type", "LIMIT"),
    ("timeInForce", "GTC"),
    ("quantity", "1.00000000"),
    ("price", "0.10000000"),
    ("recvWindow", 5000),
)
DOCS_WS_TIMESTAMP = 1645423376532
DOCS_WS_PAYLOAD = (
    f"apiKey={EXAMPLE_API_KEY}&price=0.10000000&quantity=1.00000000&recvWindow=5000"
    "&side=BUY&symbol=１２３４５６&timeInForce=GTC&timestamp=1645423376532&type=LIMIT"
)
DOCS_WS_SIGNATURE = "b33892ae8e687c939f4468c6268ddd4c40ac1af18ad19a064864c47bae0752cd"
# The docs' ASCII example (same section): sorted, and nothing in it changes when encoded.
DOCS_WS_ASCII_ORDER = (
    ("symbol", "BTCUSDT"),
    ("side", "SELL"),
    ("type", "LIMIT"),
    ("timeInForce", "GTC"),
    ("quantity", "0.01000000"),
    ("price", "52000.00"),
    ("recvWindow", 100),
)
DOCS_WS_ASCII_SIGNATURE = "aa1b5712c094bc4e57c05a1a5c1fd8d88dcd628338ea863fec7b88e59fe2db24"
WS_REQUEST_ID = "kit-1"  # passed in, so no client draws a random id

# Benchmark: a typical 8-parameter order (timestamp is the 8th; clients add it themselves).
TYPICAL_ORDER = (
    ("symbol", "BTCUSDT"),
    ("side", "BUY"),
    ("type", "LIMIT"),
    ("timeInForce", "GTC"),
    ("quantity", "0.01000000"),
    ("price", "52000.00"),
    ("recvWindow", 5000),
)


# --- versions ------------------------------------------------------------------------------


def versions() -> dict[str, str]:
    """The installed version of each client, e.g. ``{"ccxt": "4.5.64", ...}``; the SDK's
    reads ``"13.3.0 (binance-common 4.7.0)"`` because its signing code is binance-common's."""
    from importlib.metadata import PackageNotFoundError, version

    found = {}
    for client, dists in _DISTRIBUTIONS.items():
        try:
            parts = [version(dist) for dist in dists]
        except PackageNotFoundError as exc:
            raise ModuleNotFoundError(
                f"{exc.args[0]} is not installed: run `make lab` or `make test` once, or "
                "pip install -r requirements-peers.txt"
            ) from None
        text = parts[0]
        if len(parts) > 1:
            extra = zip(dists[1:], parts[1:], strict=True)
            text += " (" + ", ".join(f"{dist} {ver}" for dist, ver in extra) + ")"
        found[client] = text
    return found


# --- the stubs: HTTP, clock, warnings --------------------------------------------------------


class RecordingAdapter:
    """A ``requests`` transport adapter that records each prepared request and never sends it.

    Mount it on a client's session (``session.mount("https://", adapter)``); every request
    the client makes is appended to ``sent`` (a ``requests.PreparedRequest``: the method,
    URL, headers and body exactly as ``requests`` would put them on the wire) and answered
    with ``reply`` (default ``{}``, status 200, JSON).
    """

    def __init__(self, reply: bytes = b"{}") -> None:
        self.sent: list[object] = []
        self.reply = reply

    def send(self, request: object, **kwargs: object) -> object:
        import requests

        self.sent.append(request)
        response = requests.Response()
        response.status_code = 200
        response.reason = "OK"
        response._content = self.reply
        response.headers["Content-Type"] = "application/json"
        response.encoding = "utf-8"
        response.url = request.url
        response.request = request
        return response

    def close(self) -> None:
        pass

    def mount_on(self, session: object) -> "RecordingAdapter":
        session.mount("https://", self)
        session.mount("http://", self)
        return self


class _FrozenTime:
    """The ``time`` module with ``time()`` and ``time_ns()`` frozen at ``ms`` milliseconds."""

    def __init__(self, ms: int) -> None:
        self._ms = ms

    def time(self) -> float:
        return self._ms / 1000

    def time_ns(self) -> int:
        return self._ms * 1_000_000

    def __getattr__(self, name: str) -> object:
        return getattr(time, name)


# Where each library reads the wall clock: the module whose global ``time`` it calls.
_CLOCK_MODULES = {
    SDK: ("binance_common.utils",),  # get_timestamp(): int(time.time() * 1000)
    PYTHON_BINANCE: ("binance.base_client",),  # int(time.time() * 1000 + offset)
    CCXT: ("ccxt.base.exchange",),  # milliseconds(): time.time_ns() // 1_000_000
}


@contextlib.contextmanager
def pinned_clock(ms: int, clients: tuple[str, ...] = CLIENTS) -> Iterator[None]:
    """Freeze the clock each client reads (``time.time``/``time.time_ns`` as seen from its own
    module) at ``ms`` milliseconds since the epoch, for the duration of the ``with`` block.

    Only those modules' ``time`` name is swapped; the real ``time`` module is untouched.
    """
    if isinstance(ms, bool) or not isinstance(ms, int) or ms <= 0:
        raise TypeError(f"ms: expected milliseconds since the epoch as a positive int, got {ms!r}")
    frozen = _FrozenTime(ms)
    saved = []
    try:
        for client in clients:
            for name in _CLOCK_MODULES[client]:
                _quiet_import(name)
                module = sys.modules[name]
                saved.append((module, module.time))
                module.time = frozen
        yield
    finally:
        for module, original in reversed(saved):
            module.time = original


@contextlib.contextmanager
def _quiet() -> Iterator[None]:
    """Silence the libraries' own DeprecationWarnings (python-binance imports websockets'
    legacy API, for one), so they never reach a notebook's output."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        warnings.simplefilter("ignore", PendingDeprecationWarning)
        yield


def _quiet_import(name: str) -> object:
    import importlib

    with _quiet():
        try:
            return importlib.import_module(name)
        except ModuleNotFoundError as exc:
            raise ModuleNotFoundError(
                f"{exc.name} is not installed: the client libraries come from "
                "requirements-peers.txt (`make lab` or `make test` installs them)"
            ) from None


def _in_thread(make_coroutine: Callable[[], object]) -> object:
    """Run a coroutine to completion on a fresh event loop in a worker thread — also from a
    notebook, whose own loop is already running."""
    import asyncio

    outcome: dict[str, object] = {}

    def run() -> None:
        try:
            with _quiet():
                outcome["value"] = asyncio.run(make_coroutine())
        except BaseException as exc:  # handed back to the caller's thread, re-raised there
            outcome["error"] = exc

    worker = threading.Thread(target=run, name="helpers.clients")
    worker.start()
    worker.join()
    if "error" in outcome:
        raise outcome["error"]
    return outcome.get("value")


def _text(value: str | bytes) -> str:
    return value.decode("utf-8") if isinstance(value, (bytes, bytearray)) else value


def _params(params: object) -> dict[str, object]:
    """A mapping or a sequence of (name, value) pairs, as the dict every client takes."""
    return dict(params)


def library_lines(dotted: str, *needles: str) -> str:
    """The lines of a library function's source that contain any of ``needles``, each as
    ``module:line  code`` — the library's own code, to quote next to what it did.

    ``dotted`` names a function or method, e.g. ``"binance.base_client.BaseClient._order_params"``.
    """
    import inspect

    parts = dotted.split(".")
    for cut in range(len(parts) - 1, 0, -1):
        try:
            target = _quiet_import(".".join(parts[:cut]))
        except ModuleNotFoundError:
            continue
        module_name = ".".join(parts[:cut])
        for name in parts[cut:]:
            target = getattr(target, name)
        break
    else:
        raise ValueError(f"dotted: cannot import any module prefix of {dotted!r}")
    target = inspect.unwrap(target)
    source, first = inspect.getsourcelines(target)
    found = [
        f"{module_name}:{first + offset}  {line.strip()}"
        for offset, line in enumerate(source)
        if any(needle in line for needle in needles)
    ]
    if not found:
        raise ValueError(f"none of {needles!r} occurs in the source of {dotted}")
    return "\n".join(found)


# --- REST: one client, one request ---------------------------------------------------------


def _unsigned(part: str) -> str:
    """A raw query string or body with its ``signature=...`` pairs removed (as the server
    does before it rebuilds the payload)."""
    return "&".join(p for p in part.split("&") if p and not p.startswith("signature="))


@dataclass(frozen=True)
class Capture:
    """One REST request as a client built it: what it signed, and what it would send.

    ``signed`` is the exact text handed to the client's HMAC function; ``target`` (path and
    query string) and ``body`` are the bytes on the wire as text; ``headers`` are all the
    headers ``requests`` prepared. ``sent_payload`` is what a server rebuilds from those
    bytes (query + body, ``signature`` removed); the rule is ``signed == sent_payload``.
    ``verdict`` is the ``LocalExchange``'s, when the request was forwarded.
    """

    client: str
    version: str
    method: str
    target: str
    body: str
    headers: dict[str, str] = field(repr=False)
    signed: str
    signature: str
    verdict: object = None

    @property
    def query(self) -> str:
        return self.target.partition("?")[2]

    @property
    def path(self) -> str:
        return self.target.partition("?")[0]

    @property
    def sent_payload(self) -> str:
        return _unsigned(self.query) + _unsigned(self.body)

    @property
    def signs_what_it_sends(self) -> bool:
        return self.signed == self.sent_payload

    def comparison(self) -> Comparison:
        """``helpers.compare`` of what was signed against what was sent."""
        return compare(self.signed, self.sent_payload, labels=("signed", "sent"))

    def sent_value(self, name: str) -> str | None:
        """The raw text of parameter ``name`` as sent (still percent-encoded), or ``None``."""
        for part in (self.query, self.body):
            for pair in part.split("&"):
                key, sep, value = pair.partition("=")
                if sep and urllib.parse.unquote_plus(key) == name:
                    return value
        return None

    def signed_value(self, name: str) -> str | None:
        """The text of parameter ``name`` in the signed payload, or ``None``."""
        for pair in self.signed.split("&"):
            key, sep, value = pair.partition("=")
            if sep and key == name:
                return value
        return None

    @property
    def signed_names(self) -> list[str]:
        return [pair.partition("=")[0] for pair in self.signed.split("&") if pair]

    @property
    def where(self) -> str:
        """Where the parameters travel: ``"query string"``, ``"body"`` or ``"both"``."""
        query, body = bool(_unsigned(self.query)), bool(_unsigned(self.body))
        return "both" if query and body else "body" if body else "query string"


def _capture(client: str, recorded: object, signed: list, exchange: object) -> Capture:
    if len(recorded.sent) != 1 or len(signed) != 1:
        raise RuntimeError(
            f"{client}: expected one signed request, recorded {len(recorded.sent)} request(s) "
            f"and {len(signed)} signature(s)"
        )
    prepared = recorded.sent[0]
    split = urllib.parse.urlsplit(prepared.url)
    body = prepared.body or b""
    payload, signature = signed[0]
    capture = Capture(
        client=client,
        version=versions()[client],
        method=prepared.method,
        target=split.path + ("?" + split.query if split.query else ""),
        body=_text(body),
        headers=dict(prepared.headers),
        signed=_text(payload),
        signature=signature,
    )
    if exchange is not None:
        capture = replace(capture, verdict=forward(capture, exchange))
    return capture


def _sdk_rest(params: dict, path: str, method: str, signed: list) -> RecordingAdapter:
    """binance-sdk-spot: the signed-request function every REST method of the SDK calls,
    ``binance_common.utils.send_request(..., is_signed=True)``, on the SDK's own session."""
    utils = _quiet_import("binance_common.utils")
    configuration = _quiet_import("binance_common.configuration")
    spot = _quiet_import("binance_sdk_spot.spot")
    config = configuration.ConfigurationRestAPI(
        api_key=EXAMPLE_API_KEY, api_secret=EXAMPLE_SECRET_KEY, base_path=REST_BASE_URL
    )
    rest = spot.Spot(config_rest_api=config).rest_api
    recorder = RecordingAdapter().mount_on(rest._session)
    original = utils.hmac_hashing

    def spy(secret: str, payload: str) -> str:
        signature = original(secret, payload)
        signed.append((payload, signature))
        return signature

    utils.hmac_hashing = spy
    try:
        utils.send_request(rest._session, config, method, path, params, None, is_signed=True)
    finally:
        utils.hmac_hashing = original
    return recorder


def _python_binance_client() -> object:
    client_module = _quiet_import("binance.client")
    with _quiet():
        # ping=False: the constructor would otherwise call GET /api/v3/ping at once.
        return client_module.Client(EXAMPLE_API_KEY, EXAMPLE_SECRET_KEY, ping=False)


def _python_binance_rest(params: dict, path: str, method: str, signed: list) -> RecordingAdapter:
    """python-binance: ``Client._request_api``, the function behind ``create_test_order``
    (``_post("order/test", True, data=params)``) and every other signed REST method."""
    client = _python_binance_client()
    recorder = RecordingAdapter().mount_on(client.session)
    original = client._hmac_signature

    def spy(query_string: str) -> str:
        signature = original(query_string)
        signed.append((query_string, signature))
        return signature

    client._hmac_signature = spy
    prefix = "/api/v3/"
    if not path.startswith(prefix):
        raise ValueError(f"path: python-binance's spot methods take paths under {prefix}")
    client._request_api(method.lower(), path[len(prefix) :], True, "v3", data=params)
    return recorder


def _ccxt_exchange(options: Mapping[str, object] | None = None, *, pro: bool = False) -> object:
    module = _quiet_import("ccxt.pro" if pro else "ccxt")
    config = {"apiKey": EXAMPLE_API_KEY, "secret": EXAMPLE_SECRET_KEY, "enableRateLimit": False}
    if options:
        config["options"] = dict(options)
    with _quiet():
        return module.binance(config)


def _spy_ccxt_hmac(exchange: object, signed: list) -> None:
    original = exchange.hmac

    def spy(request: bytes, secret: bytes, *args: object, **kwargs: object) -> str:
        signature = original(request, secret, *args, **kwargs)
        signed.append((request, signature))
        return signature

    exchange.hmac = spy


def _ccxt_rest(params: dict, path: str, method: str, signed: list) -> RecordingAdapter:
    """ccxt: ``Exchange.request(path, "private", method, params)`` — what its implicit API
    methods such as ``private_post_order_test(params)`` call; ``binance.sign`` signs."""
    exchange = _ccxt_exchange()
    recorder = RecordingAdapter().mount_on(exchange.session)
    _spy_ccxt_hmac(exchange, signed)
    prefix = "/api/v3/"
    if not path.startswith(prefix):
        raise ValueError(f"path: ccxt's 'private' API takes paths under {prefix}")
    with _quiet():
        exchange.request(path[len(prefix) :], "private", method, params)
    return recorder


_REST_DRIVERS = {SDK: _sdk_rest, PYTHON_BINANCE: _python_binance_rest, CCXT: _ccxt_rest}


def _check_client(client: str) -> str:
    if client not in CLIENTS:
        raise ValueError(f"client: expected one of {', '.join(CLIENTS)}, got {client!r}")
    return client


def rest_request(
    client: str,
    params: object,
    *,
    path: str = ORDER_TEST_PATH,
    method: str = "POST",
    timestamp: int = EXAMPLE_TIMESTAMP,
    exchange: object = None,
) -> Capture:
    """Let ``client`` build and sign a REST request for ``params`` (a mapping or a sequence
    of pairs, passed to the library as a dict, values as given: floats, bools, ``None`` and
    lists included), with its clock pinned at ``timestamp`` and its HTTP layer stubbed.

    If ``exchange`` (a running ``LocalExchange``) is given, the recorded bytes are forwarded
    to it and its verdict is kept in ``Capture.verdict``.
    """
    _check_client(client)
    signed: list = []
    with pinned_clock(timestamp, (client,)), _quiet():
        recorder = _REST_DRIVERS[client](_params(params), path, method, signed)
    return _capture(client, recorder, signed, exchange)


def forward(capture: Capture, exchange: object) -> object:
    """Send the recorded request, byte for byte, to a running ``LocalExchange``; return its
    ``Verdict`` (the raw target and body it received, the payload it rebuilt, the decision).

    Every recorded header is sent except ``Host`` and ``Content-Length``, which
    ``http.client`` sets for the exchange's address and the same body.
    """
    import http.client

    split = urllib.parse.urlsplit(exchange.base_url)
    headers = {
        name: value
        for name, value in capture.headers.items()
        if name.lower() not in ("host", "content-length")
    }
    connection = http.client.HTTPConnection(split.hostname, split.port, timeout=10)
    try:
        connection.request(
            capture.method,
            capture.target,
            body=capture.body.encode("utf-8") if capture.body else None,
            headers=headers,
        )
        connection.getresponse().read()
    finally:
        connection.close()
    return exchange.last_verdict


# --- WebSocket API: one client, one request -------------------------------------------------


@dataclass(frozen=True)
class WsCapture:
    """One WebSocket API request as a client built it: the payload it signed and the JSON
    frame it would send. ``verdict`` is the ``LocalExchange``'s (``handle_ws``), if asked."""

    client: str
    version: str
    signed: str
    signature: str
    frame: str
    verdict: object = None

    @property
    def params(self) -> dict[str, object]:
        """The ``params`` object of the frame, as sent."""
        return json.loads(self.frame)["params"]

    @property
    def docs_payload(self) -> str:
        """The payload Binance's rule gives for the params this client sent: every param
        except ``signature``, sorted by name, raw UTF-8 (helpers.params' ``ws_payload``
        does the same; it is spelled out here so this module needs nothing else)."""
        pairs = sorted(
            (name, _ws_value(value)) for name, value in self.params.items() if name != "signature"
        )
        return "&".join(f"{name}={value}" for name, value in pairs)

    @property
    def signs_docs_payload(self) -> bool:
        return self.signed == self.docs_payload

    def comparison(self) -> Comparison:
        """``helpers.compare`` of what was signed against the docs' payload for what was sent."""
        return compare(self.signed, self.docs_payload, labels=("signed", "docs' rule"))


def _ws_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _ws_sdk(params: dict, method: str, signed: list) -> list[str]:
    """binance-sdk-spot: ``SpotWebSocketAPI.send_signed_message`` — what every signed method
    (``order_test``, ``order_place``...) awaits — on a fake connection that records frames."""
    utils = _quiet_import("binance_common.utils")
    configuration = _quiet_import("binance_common.configuration")
    websocket = _quiet_import("binance_common.websocket")
    ws_api = _quiet_import("binance_sdk_spot.websocket_api")
    config = configuration.ConfigurationWebSocketAPI(
        api_key=EXAMPLE_API_KEY, api_secret=EXAMPLE_SECRET_KEY
    )
    frames: list[str] = []

    class FakeSocket:
        async def send_str(self, text: str) -> None:
            frames.append(text)

    api = ws_api.SpotWebSocketAPI(config)
    api.connections = [websocket.WebSocketConnection(FakeSocket(), "kit", "API")]
    original = utils.hmac_hashing

    def spy(secret: str, payload: str) -> str:
        signature = original(secret, payload)
        signed.append((payload, signature))
        return signature

    message = {"method": method, "params": {"id": WS_REQUEST_ID, **params}}
    utils.hmac_hashing = spy
    try:
        _in_thread(lambda: api.send_signed_message(message, promised=False))
    finally:
        utils.hmac_hashing = original
    return frames


def _ws_python_binance(params: dict, method: str, signed: list) -> list[str]:
    """python-binance: ``Client._ws_api_request(method, True, params)`` — what
    ``ws_create_test_order`` and the other ``ws_*`` methods run — on a fake socket."""
    client = _python_binance_client()
    frames: list[str] = []

    class FakeSocket:
        async def send(self, text: str) -> None:
            frames.append(text)
            for future in client.ws_api._responses.values():
                future.set_result({"result": {}})

    async def connected() -> None:
        pass

    client.ws_api._ensure_ws_connection = connected
    client.ws_api.ws = FakeSocket()
    original = client._hmac_signature

    def spy(query_string: str) -> str:
        signature = original(query_string)
        signed.append((query_string, signature))
        return signature

    client._hmac_signature = spy
    request = {"id": WS_REQUEST_ID, **params}
    _in_thread(lambda: client._ws_api_request(method, True, request))
    return frames


def _ws_ccxt(
    params: dict, method: str, signed: list, options: Mapping[str, object] | None = None
) -> list[str]:
    """ccxt: ``ccxt.pro.binance.sign_params`` — what its ``*_ws`` order methods call to sign —
    and the frame they send, ``{"id", "method", "params": signed params}``."""
    exchange = _ccxt_exchange(options, pro=True)
    _spy_ccxt_hmac(exchange, signed)
    with _quiet():
        signed_params = exchange.sign_params(params)
    return [json.dumps({"id": WS_REQUEST_ID, "method": method, "params": signed_params})]


def ws_request(
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
    _check_client(client)
    if options is not None and client != CCXT:
        raise ValueError(f"options: only ccxt takes exchange options here, not {client}")
    signed: list = []
    with pinned_clock(timestamp, (client,)), _quiet():
        if client == SDK:
            frames = _ws_sdk(_params(params), method, signed)
        elif client == PYTHON_BINANCE:
            frames = _ws_python_binance(_params(params), method, signed)
        else:
            frames = _ws_ccxt(_params(params), method, signed, options)
    if len(frames) != 1 or len(signed) != 1:
        raise RuntimeError(
            f"{client}: expected one signed frame, recorded {len(frames)} frame(s) and "
            f"{len(signed)} signature(s)"
        )
    payload, signature = signed[0]
    capture = WsCapture(client, versions()[client], _text(payload), signature, frames[0])
    if exchange is not None:
        exchange.handle_ws(capture.frame)
        capture = replace(capture, verdict=exchange.last_verdict)
    return capture


# --- side by side ---------------------------------------------------------------------------


def _verdict_text(verdict: object) -> str:
    if verdict is None:
        return "(not sent)"
    if verdict.accepted:
        return f"{verdict.status} accepted"
    return f"{verdict.status} {verdict.code} {verdict.msg}"


class ClientTable:
    """Rows × one column per client, shown as text blocks (``repr``) and as an HTML table."""

    def __init__(self, title: str, columns: tuple[str, ...], rows: list[tuple[str, list[str]]]):
        self.title, self.columns, self.rows = title, columns, rows

    def cell(self, row: str, column: str) -> str:
        for label, values in self.rows:
            if label == row:
                return values[self.columns.index(column)]
        raise KeyError(row)

    def __repr__(self) -> str:
        width = max(len(label) for label, _ in self.rows)
        lines = [self.title]
        for index, column in enumerate(self.columns):
            lines.append(f"\n{column}")
            lines += [f"  {label:<{width}}  {values[index]}" for label, values in self.rows]
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        head = "".join(f"<th style='text-align:left'>{html.escape(c)}</th>" for c in self.columns)
        body = "".join(
            f"<tr><th style='text-align:left'>{html.escape(label)}</th>"
            + "".join(
                f"<td style='text-align:left'><code style='word-break:break-all'>"
                f"{html.escape(value)}</code></td>"
                for value in values
            )
            + "</tr>"
            for label, values in self.rows
        )
        return (
            f"<table><caption>{html.escape(self.title)}</caption>"
            f"<tr><th></th>{head}</tr>{body}</table>"
        )


def _yes_no(flag: bool) -> str:
    return "yes" if flag else "NO"


def compare_clients(
    params: object,
    exchange: object = None,
    *,
    path: str = ORDER_TEST_PATH,
    method: str = "POST",
    timestamp: int = EXAMPLE_TIMESTAMP,
    title: str = "",
) -> ClientTable:
    """Every client, the same ``params``: what it signed, what it sent, and the verdict."""
    captures = [
        rest_request(c, params, path=path, method=method, timestamp=timestamp, exchange=exchange)
        for c in CLIENTS
    ]
    rows = [
        ("signed", [c.signed for c in captures]),
        ("request line", [f"{c.method} {c.target}" for c in captures]),
        ("body", [c.body or "(none)" for c in captures]),
        ("Content-Type", [c.headers.get("Content-Type", "(none)") for c in captures]),
        ("signed = sent?", [_yes_no(c.signs_what_it_sends) for c in captures]),
        ("verdict", [_verdict_text(c.verdict) for c in captures]),
    ]
    columns = tuple(f"{c.client} {c.version}" for c in captures)
    return ClientTable(title or "The same parameters, three clients", columns, rows)


def compare_ws(
    params: object = DOCS_WS_ORDER,
    exchange: object = None,
    *,
    timestamp: int = DOCS_WS_TIMESTAMP,
    ccxt_options: Mapping[str, object] | None = None,
    expected_signature: str | None = DOCS_WS_SIGNATURE,
    title: str = "",
) -> ClientTable:
    """Every client signs the same WebSocket API request: payload, signature, verdict."""
    captures = [
        ws_request(
            c,
            params,
            timestamp=timestamp,
            exchange=exchange,
            options=ccxt_options if c == CCXT else None,
        )
        for c in CLIENTS
    ]
    rows = [
        ("signed", [c.signed for c in captures]),
        ("signature", [c.signature for c in captures]),
    ]
    if expected_signature is not None:
        rows.append(
            (
                f"= docs' {expected_signature[:8]}…?",
                [_yes_no(c.signature == expected_signature) for c in captures],
            )
        )
    rows += [
        ("recvWindow sent", [str(c.params.get("recvWindow", "(none)")) for c in captures]),
        ("signed = docs' rule?", [_yes_no(c.signs_docs_payload) for c in captures]),
        ("verdict", [_verdict_text(c.verdict) for c in captures]),
    ]
    columns = tuple(f"{c.client} {c.version}" for c in captures)
    return ClientTable(title or "The same WebSocket API request, three clients", columns, rows)


# A plain order that each value case adds one parameter to (or changes one in).
BASE_ORDER = (
    ("symbol", "LTCBTC"),
    ("side", "BUY"),
    ("type", "LIMIT"),
    ("timeInForce", "GTC"),
    ("quantity", "1"),
    ("price", "0.1"),
)


def _value_cell(capture: Capture, name: str) -> str:
    """The wire text of ``name`` (``left out`` if absent), its decoded text when that differs,
    what was signed when that differs from what was sent, and the verdict's code."""
    sent, signed = capture.sent_value(name), capture.signed_value(name)
    if sent is None:
        text = "left out"
    else:
        text = sent
        decoded = urllib.parse.unquote_plus(sent)
        if decoded != sent:
            text += f" (= {decoded})"
        if signed != sent:
            text += f"; signed {signed}"
    if capture.verdict is not None:
        text += " → " + ("accepted" if capture.verdict.accepted else str(capture.verdict.code))
    return text


def value_table(
    name: str,
    values: list[object],
    exchange: object = None,
    *,
    base: object = BASE_ORDER,
    timestamp: int = EXAMPLE_TIMESTAMP,
) -> ClientTable:
    """For each value of parameter ``name`` (added to ``base``, or replacing it there): the
    text each client sends for it (percent-encoded, as on the wire), what it signed when
    that differs, and the verdict."""
    rows = []
    for value in values:
        params = {**_params(base), name: value}
        cells = [
            _value_cell(rest_request(c, params, timestamp=timestamp, exchange=exchange), name)
            for c in CLIENTS
        ]
        rows.append((f"{name}={value!r}", cells))
    columns = tuple(f"{client} {version}" for client, version in versions().items())
    return ClientTable(f"How {name} travels", columns, rows)


# --- the summary, computed ------------------------------------------------------------------


def _order_kind(capture: Capture) -> str:
    names = capture.signed_names
    if names == sorted(names):
        return "sorted by name"
    if names[0] == "timestamp":
        return "timestamp first, then as given"
    if names[-1] == "timestamp":
        return "as given, timestamp last"
    return "other: " + ",".join(names)


DOCS_SIGNATURE = "c8db56825ae71d6d79447849e617115f4a920fa2acdcab2b053c4b2838bd6b71"


def differences(exchange: object = None) -> ClientTable:
    """The notebook's summary: each known difference, probed with each client right now.

    Every cell is computed from a real run (``rest_request``/``ws_request``), so the table
    always describes the installed versions. ``exchange`` (a running ``LocalExchange``
    pinned near the docs' timestamp) adds REST verdicts to the value rows.
    """

    def run(client: str, **extra: object) -> Capture:
        return rest_request(client, {**dict(BASE_ORDER), **extra}, exchange=exchange)

    def sent(name: str, **extra: object) -> Callable[[str], str]:
        return lambda client: _value_cell(run(client, **extra), name)

    def window(capture: Capture) -> str:
        return capture.sent_value("recvWindow") or "left out"

    docs = {c: rest_request(c, DOCS_ORDER, exchange=exchange) for c in CLIENTS}
    ws = {c: ws_request(c) for c in CLIENTS}
    probes: list[tuple[str, Callable[[str], str]]] = [
        ("parameter order", lambda c: _order_kind(docs[c])),
        ("parameters travel in", lambda c: f"{docs[c].method} {docs[c].where}"),
        ("docs' order signed c8db5682…?", lambda c: _yes_no(docs[c].signature == DOCS_SIGNATURE)),
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
            lambda c: _yes_no(ws[c].signature == DOCS_WS_SIGNATURE),
        ),
    ]
    rows = [(label, [probe(client) for client in CLIENTS]) for label, probe in probes]
    columns = tuple(f"{client} {version}" for client, version in versions().items())
    return ClientTable("What each client does, measured now", columns, rows)


def sdk_generic_call_error() -> str | None:
    """binance-sdk-spot's generic ``SpotRestAPI.send_signed_request(endpoint, method,
    query_params)``, called with the HTTP layer stubbed: ``None`` if it works, else the
    error it raises as ``"Type: message"`` (why this module calls the function behind the
    SDK's typed methods instead)."""
    configuration = _quiet_import("binance_common.configuration")
    spot = _quiet_import("binance_sdk_spot.spot")
    config = configuration.ConfigurationRestAPI(
        api_key=EXAMPLE_API_KEY, api_secret=EXAMPLE_SECRET_KEY, base_path=REST_BASE_URL
    )
    rest = spot.Spot(config_rest_api=config).rest_api
    RecordingAdapter().mount_on(rest._session)
    try:
        with pinned_clock(EXAMPLE_TIMESTAMP, (SDK,)), _quiet():
            rest.send_signed_request(ORDER_TEST_PATH, "POST", query_params=dict(DOCS_ORDER))
    except Exception as exc:  # the finding itself: report it, do not hide it
        return f"{type(exc).__name__}: {exc}"
    return None


# --- benchmark: the signing path of each client, timed ----------------------------------------


def _helpers_signer(params: dict) -> Callable[[], object]:
    from helpers.params import query_string
    from helpers.signing import hmac_sha256_hex

    pairs = [*params.items(), ("timestamp", EXAMPLE_TIMESTAMP)]

    def sign() -> str:
        return hmac_sha256_hex(EXAMPLE_SECRET_KEY, query_string(pairs))

    return sign


def _floor_signer(params: dict) -> Callable[[], object]:
    pairs = [*params.items(), ("timestamp", EXAMPLE_TIMESTAMP)]
    key = EXAMPLE_SECRET_KEY.encode()

    def sign() -> str:
        payload = urllib.parse.urlencode(pairs, quote_via=urllib.parse.quote)
        return hmac.new(key, payload.encode(), hashlib.sha256).hexdigest()

    return sign


def _client_signer(client: str, params: dict) -> Callable[[], object]:
    """One signed ``POST /api/v3/order/test`` through ``client``'s own code, HTTP stubbed;
    the client and its session are built once, outside the timed call."""
    if client == SDK:
        utils = _quiet_import("binance_common.utils")
        configuration = _quiet_import("binance_common.configuration")
        spot = _quiet_import("binance_sdk_spot.spot")
        config = configuration.ConfigurationRestAPI(
            api_key=EXAMPLE_API_KEY, api_secret=EXAMPLE_SECRET_KEY, base_path=REST_BASE_URL
        )
        session = spot.Spot(config_rest_api=config).rest_api._session
        recorder = RecordingAdapter().mount_on(session)

        def sign() -> object:
            recorder.sent.clear()
            return utils.send_request(
                session, config, "POST", ORDER_TEST_PATH, dict(params), None, is_signed=True
            )

    elif client == PYTHON_BINANCE:
        binance_client = _python_binance_client()
        recorder = RecordingAdapter().mount_on(binance_client.session)

        def sign() -> object:
            recorder.sent.clear()
            return binance_client.create_test_order(**params)

    else:
        exchange = _ccxt_exchange()
        recorder = RecordingAdapter().mount_on(exchange.session)

        def sign() -> object:
            recorder.sent.clear()
            return exchange.private_post_order_test(dict(params))

    return sign


def time_signing(
    params: object = TYPICAL_ORDER, *, repeat: int = 7, number: int = 200
) -> dict[str, float]:
    """Median seconds per signed request, per signer, measured in this process.

    Signers: ``"floor"`` (``urlencode(..., quote_via=quote)`` + ``hmac.new``), ``"helpers"``
    (``query_string`` + ``hmac_sha256_hex``), and each client through its own public call
    (``binance_common.utils.send_request``, ``Client.create_test_order``,
    ``private_post_order_test``) with the HTTP layer stubbed by ``RecordingAdapter`` — so a
    client's figure includes the request preparation its signing is part of, as a learner's
    call does. ``params`` get a ``timestamp`` from each signer (8 parameters by default).
    The signers are interleaved: each of ``repeat`` rounds times ``number`` calls of every
    signer in turn; the result is the median of the rounds divided by ``number``.
    Printing and ratios are the benchmark script's job.
    """
    if repeat < 1 or number < 1:
        raise ValueError("repeat and number must be at least 1")
    order = _params(params)
    with _quiet():
        signers = {"floor": _floor_signer(order), "helpers": _helpers_signer(order)}
        signers.update({client: _client_signer(client, order) for client in CLIENTS})
        for sign in signers.values():  # warm up: imports, caches, first allocations
            sign()
        rounds: dict[str, list[float]] = {name: [] for name in signers}
        for _ in range(repeat):
            for name, sign in signers.items():
                start = time.perf_counter()
                for _ in range(number):
                    sign()
                rounds[name].append((time.perf_counter() - start) / number)
    return {name: statistics.median(samples) for name, samples in rounds.items()}
