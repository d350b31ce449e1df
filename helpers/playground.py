"""The live signature playground: edit a request, watch every intermediate change as you type.

Two layers, kept apart (the habit of jupyter-widgets' own tutorial):

1. ``PlaygroundModel`` — plain Python, no widgets. It holds the inputs as a learner types
   them (parameter rows, HTTP method, path, API key, secret, timestamp, recvWindow, key
   type, mode) and ``compute()`` turns them into a ``PlaygroundState``: every
   intermediate, or the first error with the stage that raised it. Tests, notebook cells
   and the benchmark drive the model directly.
2. ``SignaturePlayground`` — a thin ipywidgets view over one model. Every text box has
   ``continuous_update``, so each keystroke writes into the model, recomputes, and
   re-renders the outputs into ``HTML`` widgets (never into an ``Output`` widget: text
   printed there would be stored as a cell output and break strict nbval).

``compute()`` runs the kit's own stages, in order, and names the stage that refused:

- **parameters** — each row's text becomes the value your code would pass: ``str`` as
  typed, or ``int``, ``Decimal``, ``float`` (which ``helpers.params`` then refuses, as it
  refuses a ``float`` from real code);
- **payload** — the kit lays the request out and refuses what Binance would refuse (a
  duplicate name, an empty value, ``timestamp`` typed as a row, ...): in REST mode
  ``helpers.request.sign_request`` (query string, body, ``recvWindow`` and ``timestamp``
  last, percent-encoded, in the order sent); in WebSocket mode
  ``helpers.websocket.ws_request`` (every parameter, ``apiKey`` included, sorted by name,
  raw UTF-8). The key plays no part in the layout, so the layout is built with a
  stand-in HMAC secret: a bad secret must not hide the payload;
- **signature** — ``helpers.signing.sign_payload`` with the chosen key type over the
  payload bytes: HMAC with the secret typed in the password box (a newline in it is
  refused here, and only here), Ed25519 or RSA with a private key made in the kernel
  (``PlaygroundModel.private_keys``; the Ed25519 one from a fixed, visibly fake seed, so
  its signatures are reproducible). Each key type has its own API key, visibly fake for
  the generated pairs, which the playground's local exchange knows
  (``PlaygroundModel.exchange_keys``).

Invalid input never raises into the notebook: ``compute()`` catches the ``TypeError`` and
``ValueError`` the helpers raise (nothing broader) and the view shows the message inline.

The secret is a ``Password`` box in the view and a hidden attribute in the model: no repr,
no state, no rendered output contains it; the generated private keys are never shown
either. Notebooks are saved without widget state (``make notebooks``), since widget state
would store every typed value in plain text.
"""

import dataclasses
import functools
import html
import json
import re
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

import ipywidgets as widgets

from helpers.compare import Comparison, compare
from helpers.examples import (
    EXAMPLE_API_KEY,
    EXAMPLE_ORDER,
    EXAMPLE_RECV_WINDOW,
    EXAMPLE_SECRET_KEY,
    EXAMPLE_TIMESTAMP,
)
from helpers.exchange import Ed25519Key, HmacKey, LocalExchange, RsaKey, wall_clock_ms
from helpers.exchange import Verdict as ServerVerdict
from helpers.exercises import (
    CORRECT,
    MIXED_BODY,
    MIXED_QUERY,
    MIXED_SIGNATURE,
    NOT_ATTEMPTED,
    WRONG,
    Verdict,
)
from helpers.request import METHODS, Reply, SignedRequest, send, sign_request
from helpers.signing import ED25519, HMAC, KEY_TYPES, RSA, sign_payload
from helpers.websocket import WsRequest, ws_request

__all__ = [
    "API_KEYS",
    "KINDS",
    "MODES",
    "SERVER_TIME_FIXED",
    "ParamRow",
    "PayloadComparison",
    "PlaygroundModel",
    "PlaygroundState",
    "SignaturePlayground",
    "check_first_difference",
    "check_mixed_in_playground",
    "payload_html",
]

# --- what the learner can choose ------------------------------------------------------------

# How a row's text is passed on, as code would pass it: the Python type of the value.
KINDS = ("str", "int", "Decimal", "float")
# Where a row goes on the wire.
PLACES = ("query", "body")
TIMESTAMP_MODES = ("fixed", "now")
REST, WEBSOCKET = "REST", "WebSocket"
MODES = (REST, WEBSOCKET)
PATHS = ("/api/v3/order", "/api/v3/order/test", "/api/v3/account", "/api/v3/openOrders")
# The signed WebSocket API methods the local exchange judges (helpers.exchange.handle_ws).
WS_METHODS = ("order.place", "order.test")
# A fixed request id keeps the JSON text, and so every output, the same on every run.
WS_REQUEST_ID = "playground-1"

# One API key per key type. HMAC: Binance's documented example pair. Ed25519 and RSA:
# key pairs made in the kernel (Binance publishes no private key for its examples), under
# visibly fake API keys (letters and digits, as the exchange's format rule wants).
API_KEYS = {
    HMAC: EXAMPLE_API_KEY,
    ED25519: "KitFakePlaygroundEd25519Key",
    RSA: "KitFakePlaygroundRsaKey",
}
# 32 bytes of readable text: visibly not a real key, and the same key on every run.
_ED25519_SEED = b"playground-seed-not-a-real-key!!"

# The local exchange's clock while the timestamp is fixed: 441 ms after the docs' example
# timestamp, as in notebooks 03 and 04, so the docs' request is accepted on every run.
SERVER_TIME_FIXED = EXAMPLE_TIMESTAMP + 441

# The layout needs a key to sign with, but does not depend on it (see the module docstring).
_LAYOUT_ONLY_SECRET = "layout-only-stand-in"


@functools.cache
def _generated_keys() -> dict[str, object]:
    """The kernel's Ed25519 and RSA private keys: made once per process, never shown."""
    from cryptography.hazmat.primitives.asymmetric import ed25519, rsa

    return {
        ED25519: ed25519.Ed25519PrivateKey.from_private_bytes(_ED25519_SEED),
        RSA: rsa.generate_private_key(public_exponent=65537, key_size=2048),
    }


# --- the model ------------------------------------------------------------------------------


@dataclass
class ParamRow:
    """One row of the parameter table, as typed: name, value text, type and place."""

    name: str
    value: str
    kind: str = "str"
    where: str = "query"


def typed_value(name: str, text: str, kind: str) -> object:
    """The value code would pass for ``text`` typed as ``kind`` (see ``KINDS``).

    Only turns text into a value; whether Binance accepts that value is for
    ``helpers.params`` to say (it refuses a ``float``, for example).
    """
    if kind == "str":
        return text
    if kind == "int":
        if not re.fullmatch(r"-?[0-9]+", text):
            raise ValueError(
                f"parameter {name!r}: {text!r} is not an int (digits only); "
                "choose str or Decimal for a decimal number"
            )
        return int(text)
    if kind == "Decimal":
        try:
            return Decimal(text)
        except InvalidOperation:
            raise ValueError(f"parameter {name!r}: {text!r} is not a Decimal") from None
    if kind == "float":
        try:
            return float(text)
        except ValueError:
            raise ValueError(f"parameter {name!r}: {text!r} is not a float") from None
    raise ValueError(f"parameter {name!r}: unknown type {kind!r}; choose one of {KINDS}")


@dataclass(frozen=True)
class PlaygroundState:
    """Everything ``PlaygroundModel.compute()`` found: each intermediate, or the error.

    ``error_stage`` names the stage that refused (``"parameters"``, ``"payload"`` or
    ``"signature"``) and ``error`` is the helpers' own message; the stages before it are
    filled in. ``signed`` is the whole request with the chosen key's signature: a
    ``SignedRequest`` (REST) or a ``WsRequest`` (WebSocket). ``method`` is the HTTP method
    or, in WebSocket mode, the API method (``order.place``); ``path`` is empty there.
    ``query`` and ``body`` are REST's two parts (WebSocket: the payload and ``""``).
    No secret and no private key is held here.
    """

    mode: str
    key_type: str
    method: str
    path: str
    api_key: str
    timestamp: int | None = None
    query: str | None = None
    body: str | None = None
    payload: str | None = None
    signature: str | None = None
    signed: SignedRequest | WsRequest | None = None
    error: str | None = None
    error_stage: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None

    @property
    def payload_bytes(self) -> bytes | None:
        return None if self.payload is None else self.payload.encode("utf-8")

    @property
    def title(self) -> str:
        """``REST · HMAC · POST /api/v3/order`` or ``WebSocket · Ed25519 · order.place``."""
        target = f"{self.method} {self.path}" if self.path else self.method
        return f"{self.mode} · {self.key_type} · {target}"

    def __repr__(self) -> str:
        rows = [("request", self.title)]
        if self.payload is not None:
            rows.append(("payload", f"{self.payload}  ({len(self.payload_bytes)} bytes)"))
        if self.signature is not None:
            rows.append(("signature", self.signature))
        if self.error is not None:
            rows.append(("error", f"[{self.error_stage}] {self.error}"))
        width = max(len(label) for label, _ in rows)
        lines = [f"  {label:<{width}}  {value}" for label, value in rows]
        return "PlaygroundState(\n" + "\n".join(lines) + "\n)"


@dataclass(frozen=True)
class PayloadComparison:
    """Two payloads byte for byte (``comparison``) and each one's signature.

    A signature is ``None`` when the key is refused; ``error`` then says why.
    """

    comparison: Comparison
    signatures: tuple[str | None, str | None]
    error: str | None = None


class PlaygroundModel:
    """The playground's inputs, as typed, and the pipeline that signs them (no widgets).

    Starts as Binance's documented example (REST API, "SIGNED Endpoint Examples for POST
    /api/v3/order"): its order, keys, ``recvWindow`` and ``timestamp``, so the first
    signature shown is the docs' ``c8db5682…``. ``timestamp`` and ``recv_window`` are
    text, as typed (``recv_window=""`` leaves ``recvWindow`` out). ``clock`` returns
    milliseconds since the epoch and is read only when ``timestamp_mode == "now"``.
    ``secret`` signs when ``key_type`` is ``"HMAC"``; ``private_keys`` (key type → private
    key) sign for ``"Ed25519"`` and ``"RSA"``, by default the kernel's generated pair.
    ``mode`` is ``"REST"`` or ``"WebSocket"``; ``ws_method`` names the WebSocket API method.
    """

    def __init__(
        self,
        *,
        rows: list[ParamRow] | None = None,
        method: str = "POST",
        path: str = "/api/v3/order",
        api_key: str = EXAMPLE_API_KEY,
        secret: str = EXAMPLE_SECRET_KEY,
        timestamp: str = str(EXAMPLE_TIMESTAMP),
        timestamp_mode: str = "fixed",
        recv_window: str = str(EXAMPLE_RECV_WINDOW),
        key_type: str = HMAC,
        mode: str = REST,
        ws_method: str = "order.place",
        clock: Callable[[], int] = wall_clock_ms,
        private_keys: Mapping[str, object] | None = None,
    ) -> None:
        self.rows = (
            [ParamRow(name, value) for name, value in EXAMPLE_ORDER] if rows is None else rows
        )
        self.method = method
        self.path = path
        self.api_key = api_key
        self.secret = secret
        self.timestamp = timestamp
        self.timestamp_mode = timestamp_mode
        self.recv_window = recv_window
        self.key_type = key_type
        self.mode = mode
        self.ws_method = ws_method
        self.clock = clock
        self._private_keys = private_keys

    # The secret and the private keys are stored, used to sign, and never shown.

    @property
    def secret(self) -> str:
        return self._secret

    @secret.setter
    def secret(self, value: str) -> None:
        self._secret = value

    @property
    def private_keys(self) -> Mapping[str, object]:
        if self._private_keys is None:
            self._private_keys = _generated_keys()
        return self._private_keys

    def __repr__(self) -> str:
        target = self.ws_method if self.mode == WEBSOCKET else f"{self.method} {self.path}"
        return (
            f"PlaygroundModel({self.mode} · {self.key_type} · {target}, "
            f"{len(self.rows)} rows, secret=<hidden>)"
        )

    def use_key_type(self, key_type: str) -> None:
        """Sign with ``key_type`` from now on, under that key type's API key (``API_KEYS``)."""
        self.key_type = key_type
        self.api_key = API_KEYS.get(key_type, self.api_key)

    def exchange_keys(self) -> dict[str, object]:
        """What a ``LocalExchange`` must know to judge this model's requests: API key → key."""
        keys: dict[str, object] = {API_KEYS[HMAC]: HmacKey(EXAMPLE_SECRET_KEY)}
        for kind, key_class in ((ED25519, Ed25519Key), (RSA, RsaKey)):
            if kind in self.private_keys:
                keys[API_KEYS[kind]] = key_class(self.private_keys[kind].public_key())
        return keys

    # Editing the table

    def add_row(self, name: str = "", value: str = "", kind: str = "str", where: str = "query"):
        """Append a row and return it."""
        row = ParamRow(name, value, kind, where)
        self.rows.append(row)
        return row

    def remove_row(self, index: int) -> ParamRow:
        return self.rows.pop(index)

    def move_row(self, index: int, delta: int) -> int:
        """Move row ``index`` by ``delta`` places (clamped to the table); return where it is."""
        target = max(0, min(len(self.rows) - 1, index + delta))
        self.rows.insert(target, self.rows.pop(index))
        return target

    def row(self, name: str) -> ParamRow:
        """The first row called ``name``."""
        for row in self.rows:
            if row.name == name:
                return row
        raise KeyError(f"no row named {name!r}; rows: {[r.name for r in self.rows]}")

    def set_value(self, name: str, value: str) -> None:
        """Type ``value`` into the value box of the row called ``name``."""
        self.row(name).value = value

    # The pipeline

    def _pairs(self) -> tuple[list[tuple[str, object]], list[tuple[str, object]]]:
        """Stage "parameters": rows → (query pairs, body pairs). Blank rows are skipped."""
        query, body = [], []
        for row in self.rows:
            if row.name == "" and row.value == "":
                continue  # a freshly added row, not filled in yet
            if row.where not in PLACES:
                raise ValueError(f"parameter {row.name!r}: place {row.where!r} is not in {PLACES}")
            pair = (row.name, typed_value(row.name, row.value, row.kind))
            (body if row.where == "body" else query).append(pair)
        return query, body

    def _timestamp(self) -> object:
        if self.timestamp_mode == "now":
            return self.clock()
        if self.timestamp_mode != "fixed":
            raise ValueError(f"timestamp mode: expected one of {TIMESTAMP_MODES}")
        text = self.timestamp
        # Digits become an int; anything else goes to the helpers as typed, so the
        # learner reads their own refusal.
        return int(text) if re.fullmatch(r"[0-9]+", text) else text

    def _recv_window(self) -> object:
        text = self.recv_window
        if text == "":
            return None
        if re.fullmatch(r"[0-9]+", text):
            return int(text)
        if re.fullmatch(r"[0-9]+\.[0-9]+", text):
            return Decimal(text)
        return text  # sent as typed: the exchange judges it (-1100)

    def _layout(self, query: list, body: list) -> SignedRequest | WsRequest:
        """Stage "payload": the request laid out by the kit, signed with a stand-in key."""
        common = {
            "api_key": self.api_key,
            "secret": _LAYOUT_ONLY_SECRET,
            "timestamp": self._timestamp(),
            "recv_window": self._recv_window(),
        }
        if self.mode == REST:
            return sign_request(self.method, self.path, query, body_params=body or None, **common)
        if self.mode == WEBSOCKET:
            # One JSON object: the query/body split does not exist, every row is a param.
            return ws_request(self.ws_method, query + body, request_id=WS_REQUEST_ID, **common)
        raise ValueError(f"mode: expected one of {', '.join(MODES)}, got {self.mode!r}")

    def _sign(self, payload: str) -> str:
        """Stage "signature": the chosen key type's signer over ``payload``."""
        if self.key_type not in KEY_TYPES:
            raise ValueError(
                f"key type: expected one of {', '.join(KEY_TYPES)}, got {self.key_type!r}"
            )
        key = self.secret if self.key_type == HMAC else self.private_keys.get(self.key_type)
        return sign_payload(self.key_type, key, payload)

    def compute(self) -> PlaygroundState:
        """Run the stages in order; stop at the first refusal and say which stage it was."""
        websocket = self.mode == WEBSOCKET
        done: dict[str, object] = {
            "mode": self.mode,
            "key_type": self.key_type,
            "method": self.ws_method if websocket else self.method,
            "path": "" if websocket else self.path,
            "api_key": self.api_key,
        }
        try:
            query, body = self._pairs()
        except (TypeError, ValueError) as exc:
            return PlaygroundState(**done, error=str(exc), error_stage="parameters")
        try:
            layout = self._layout(query, body)
        except (TypeError, ValueError) as exc:
            return PlaygroundState(**done, error=str(exc), error_stage="payload")
        if isinstance(layout, WsRequest):
            timestamp = dict(layout.params)["timestamp"]
            parts = (layout.payload, "")
        else:
            timestamp = dict(layout.query_params + layout.body_params)["timestamp"]
            parts = (layout.query_string, layout.body)
        done.update(timestamp=int(timestamp), query=parts[0], body=parts[1], payload=layout.payload)
        try:
            signature = self._sign(layout.payload)
        except (TypeError, ValueError) as exc:
            return PlaygroundState(**done, error=str(exc), error_stage="signature")
        changes: dict[str, object] = {"signature": signature, "key_type": self.key_type}
        if isinstance(layout, WsRequest):  # the signature is the last param
            changes["params"] = layout.params[:-1] + (("signature", signature),)
        signed = dataclasses.replace(layout, **changes)
        return PlaygroundState(**done, signature=signature, signed=signed)

    def send(self, exchange: LocalExchange) -> tuple[PlaygroundState, Reply | None]:
        """Recompute (a "now" timestamp is read again) and send the request to ``exchange``.

        REST goes over HTTP (``helpers.request.send``, byte for byte); a WebSocket request
        goes to ``exchange.handle_ws`` as its JSON text, and the reply's status is the
        response's ``status``. Nothing is sent if a stage refused: the reply is ``None``.
        """
        state = self.compute()
        if state.signed is None:
            return state, None
        if isinstance(state.signed, WsRequest):
            response = exchange.handle_ws(state.signed.json())
            return state, Reply(int(response["status"]), response)
        return state, send(state.signed, exchange.base_url)

    def compare(self, signed: str, sent: str) -> PayloadComparison:
        """``signed`` and ``sent`` byte for byte, each signed with this model's key."""
        comparison = compare(signed, sent, labels=("what I signed", "what I sent"))
        try:
            signatures = (self._sign(signed), self._sign(sent))
        except (TypeError, ValueError) as exc:
            return PayloadComparison(comparison, (None, None), str(exc))
        return PayloadComparison(comparison, signatures)


# --- rendering: pure functions, state in, HTML out ---------------------------------------

COLOURS = {
    "name": "#0b57d0",
    "value": "#137333",
    "separator": "#80868b",
    "escape_bg": "#fde293",
    "escape": "#7a4a00",
    "raw_bg": "#f6c3c0",
    "query_line": "#8ab4f8",
    "body_line": "#f7a35c",
    "error_bg": "#fce8e6",
    "error": "#a50e0e",
    "ok_bg": "#e6f4ea",
    "ok": "#0d652d",
    "muted": "#5f6368",
}
# A run of %XX escapes, or a run of raw characters a URL could not carry as they are
# (non-ASCII, spaces, control characters: only the WebSocket API's payload has them).
_ESCAPE_OR_RAW = re.compile(r"(%[0-9A-Fa-f]{2})+|[^\x21-\x7e]+")
_CODE_STYLE = (
    "font-family:var(--jp-code-font-family, monospace);font-size:13px;"
    "white-space:pre-wrap;word-break:break-all;line-height:1.7"
)


def _span(text: str, style: str) -> str:
    return f"<span style='{style}'>{html.escape(text)}</span>"


def _text_html(text: str, colour: str) -> str:
    """A name or value: ``%XX`` runs highlighted, raw characters marked, the rest coloured."""
    escape = f"background:{COLOURS['escape_bg']};color:{COLOURS['escape']};border-radius:2px"
    raw = f"background:{COLOURS['raw_bg']};color:{colour}"
    out, last = [], 0
    for match in _ESCAPE_OR_RAW.finditer(text):
        if match.start() > last:
            out.append(_span(text[last : match.start()], f"color:{colour}"))
        out.append(_span(match.group(), escape if match.group().startswith("%") else raw))
        last = match.end()
    if last < len(text):
        out.append(_span(text[last:], f"color:{colour}"))
    return "".join(out)


def _part_html(part: str, line_colour: str) -> str:
    separator = f"color:{COLOURS['separator']};font-weight:bold"
    pieces = []
    for index, pair in enumerate(part.split("&")):
        if index:
            pieces.append(_span("&", separator))
        name, eq, value = pair.partition("=")
        pieces.append(_text_html(name, COLOURS["name"]))
        if eq:
            pieces.append(_span("=", separator))
            pieces.append(_text_html(value, COLOURS["value"]))
    return f"<span style='border-bottom:3px solid {line_colour}'>{''.join(pieces)}</span>"


def payload_html(query: str, body: str = "") -> str:
    """The payload, colour-coded: names blue, values green, ``=`` and ``&`` grey, ``%XX``
    escapes highlighted; the query string underlined blue and the body orange.

    Only styling is added: the element's text is exactly ``query + body``.
    """
    parts = []
    if query:
        parts.append(_part_html(query, COLOURS["query_line"]))
    if body:
        parts.append(_part_html(body, COLOURS["body_line"]))
    return f"<code style='{_CODE_STYLE}'>{''.join(parts)}</code>"


def _label(text: str) -> str:
    return f"<b style='color:{COLOURS['muted']}'>{html.escape(text)}</b>"


def _legend(state: PlaygroundState) -> str:
    """What the colours mean and how long the payload is."""
    size = len(state.payload_bytes)
    chars = "" if size == len(state.payload) else f", {len(state.payload)} characters"
    items = [
        f"<span style='color:{COLOURS['name']}'>name</span>",
        f"<span style='color:{COLOURS['value']}'>value</span>",
        f"<span style='color:{COLOURS['separator']}'>= &amp;</span>",
    ]
    if state.mode == WEBSOCKET:
        items.append(
            f"<span style='background:{COLOURS['raw_bg']}'>raw non-ASCII or space</span>"
            " · sorted by name, apiKey included, nothing percent-encoded"
        )
    else:
        items += [
            f"<span style='background:{COLOURS['escape_bg']}'>%XX escape</span>",
            f"<span style='border-bottom:3px solid {COLOURS['query_line']}'>query string</span>",
        ]
    if state.body:
        items.append(
            f"<span style='border-bottom:3px solid {COLOURS['body_line']}'>body</span> "
            "(no separator between them)"
        )
    return (
        f"<div style='color:{COLOURS['muted']};font-size:12px'>"
        f"<b class='playground-length'>{size} bytes</b>{chars} signed · "
        + " · ".join(items)
        + "</div>"
    )


def _box(message: str, *, ok: bool) -> str:
    bg, fg = (COLOURS["ok_bg"], COLOURS["ok"]) if ok else (COLOURS["error_bg"], COLOURS["error"])
    return (
        f"<div style='background:{bg};color:{fg};padding:6px 10px;border-radius:4px;"
        f"white-space:pre-wrap'>{message}</div>"
    )


_HINTS = (
    (
        "is set by sign_request",
        "In the playground, use the timestamp, recvWindow and API key boxes instead of a row.",
    ),
    (
        "is set by ws_request",
        "In the playground, use the timestamp, recvWindow and API key boxes instead of a row.",
    ),
    ("a GET request has no body", "Set every row's “goes in” to query, or pick POST."),
)


def error_html(state: PlaygroundState) -> str:
    """The refusal, inline: which stage, the helpers' message, and a hint where one helps."""
    if state.ok:
        return ""
    hints = [hint for needle, hint in _HINTS if needle in state.error]
    extra = "".join(f"<br>{html.escape(hint)}" for hint in hints)
    return _box(
        f"<b>Refused at the {html.escape(state.error_stage)} stage:</b> "
        f"{html.escape(state.error)}{extra}",
        ok=False,
    )


def _pending(text: str) -> str:
    return f"<span style='color:{COLOURS['muted']}'>{html.escape(text)}</span>"


def signature_html(state: PlaygroundState) -> str:
    """The signature alone in a ``<code>`` element (the browser test reads its text)."""
    if state.signature is None:
        return _pending("— (no signature: see the refusal above)")
    return f"<code style='{_CODE_STYLE};font-size:14px'>{html.escape(state.signature)}</code>"


def _rows_html(rows: list[tuple[str, str]]) -> str:
    cells = "".join(
        f"<tr><th style='text-align:left;vertical-align:top;padding-right:8px'>"
        f"{_label(label)}</th><td style='text-align:left'><code style='{_CODE_STYLE}'>"
        f"{html.escape(value)}</code></td></tr>"
        for label, value in rows
    )
    return f"<table style='margin:0'>{cells}</table>"


def _ws_request_html(state: PlaygroundState, signed: WsRequest) -> str:
    rows = [
        ("frame", signed.json(indent=1)),
        ("apiKey", "a signed parameter here (there are no headers)"),
        ("signature", "the last parameter, as is: JSON needs no percent-encoding"),
    ]
    if signed.api_key not in API_KEYS.values():  # only the kit's own keys are shown
        rows[0] = ("frame", signed.json(indent=1).replace(signed.api_key, "$BINANCE_API_KEY"))
    return _rows_html(rows)


def request_html(state: PlaygroundState) -> str:
    """The request as sent: REST's method, URL, body and a ``curl`` command, or the
    WebSocket API's JSON text."""
    signed = state.signed
    if signed is None:
        return _pending("— (nothing to send until every stage passes)")
    if isinstance(signed, WsRequest):
        return _ws_request_html(state, signed)
    rows = [("request", f"{signed.method} {signed.url()}")]
    if signed.sent_body:
        rows.append(("body", signed.sent_body))
    rows += [(name, value) for name, value in signed.headers.items() if name != "X-MBX-APIKEY"]
    if signed.sent_signature != signed.signature:
        rows.append(("signature sent as", signed.sent_signature + "  (percent-encoded base64)"))
    rows.append(("timestamp", f"{state.timestamp}"))
    curl = (
        f"<div>{_label('curl')} <span style='color:{COLOURS['muted']};font-size:12px'>"
        "(click it to select it all; $BASE_URL is https://api.binance.com, the API key "
        "header is masked unless it is the docs' example)</span></div>"
        f"<pre class='playground-curl' style='{_CODE_STYLE};user-select:all;margin:2px 0;"
        "padding:6px;background:var(--jp-layout-color2, #f1f3f4)'>"
        f"{html.escape(signed.curl())}</pre>"
    )
    return _rows_html(rows) + curl


def verdict_html(state: PlaygroundState, reply: Reply, verdict: ServerVerdict | None) -> str:
    """The exchange's answer: the status, the JSON reply, and which check decided."""
    body = reply.json if isinstance(reply.json, dict) else {}
    error = body.get("error", body) if state.mode == WEBSOCKET else body
    accepted = 200 <= reply.status < 300 and "code" not in error
    protocol = "status" if state.mode == WEBSOCKET else "HTTP"
    if accepted:
        head = f"{protocol} {reply.status} · accepted"
    else:
        head = f"{protocol} {reply.status} · {error.get('code')} {error.get('msg', '')}"
    lines = [f"<b>{html.escape(head)}</b>"]
    if verdict is not None:
        lines.append(
            f"the exchange's check: {html.escape(verdict.check)}: {html.escape(verdict.detail)}"
        )
        server_time = "-" if verdict.server_time is None else verdict.server_time
        lines.append(f"server time: {server_time}")
    lines.append(
        f"<code style='{_CODE_STYLE}'>{html.escape(json.dumps(reply.json, ensure_ascii=False))}"
        "</code>"
    )
    return _box("<br>".join(lines), ok=accepted)


def comparison_html(result: PayloadComparison) -> str:
    """Both payloads with the first differing byte marked, and both signatures."""
    # helpers.compare's table does not wrap: let a long payload scroll sideways.
    out = [f"<div style='overflow-x:auto'>{result.comparison._repr_html_()}</div>"]
    if result.error is not None:
        out.append(_box(f"<b>No signatures:</b> {html.escape(result.error)}", ok=False))
    else:
        signed, sent = result.signatures
        out.append(
            "<table>"
            f"<tr><th style='text-align:right'>{_label('signature of what I signed')}</th>"
            f"<td style='text-align:left'><code>{html.escape(signed)}</code></td></tr>"
            f"<tr><th style='text-align:right'>{_label('signature of what I sent')}</th>"
            f"<td style='text-align:left'><code>{html.escape(sent)}</code></td></tr></table>"
        )
        if result.comparison.equal:
            out.append(_box("Same bytes, same signature: the server would agree.", ok=True))
        else:
            out.append(
                _box(
                    "The server signs what it received (the second line) and compares it "
                    "with the signature you sent (the first): -1022.",
                    ok=False,
                )
            )
    return "".join(out)


# --- the view -------------------------------------------------------------------------------

# The seed article's mojibake (notebook 04): signed with `×tamp`, sent clean.
_COMPARE_SIGNED = (
    "symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC&quantity=1&price=0.1"
    "&recvWindow=5000×tamp=1499827319559"
)
_COMPARE_SENT = _COMPARE_SIGNED.replace("×tamp", "&timestamp")


def _layout(width: str, **more: str) -> widgets.Layout:
    return widgets.Layout(width=width, **more)


class _RowView:
    """The widgets of one parameter row: name, value, type, place, and ↑ ↓ ✕ buttons."""

    def __init__(self, row: ParamRow, owner: "SignaturePlayground") -> None:
        self.name = widgets.Text(value=row.name, placeholder="name", layout=_layout("12em"))
        self.value = widgets.Text(value=row.value, placeholder="value", layout=_layout("16em"))
        self.kind = widgets.Dropdown(options=KINDS, value=row.kind, layout=_layout("7.5em"))
        self.where = widgets.Dropdown(options=PLACES, value=row.where, layout=_layout("6.5em"))
        self.up = widgets.Button(description="↑", tooltip="move up", layout=_layout("2.6em"))
        self.down = widgets.Button(description="↓", tooltip="move down", layout=_layout("2.6em"))
        self.remove = widgets.Button(description="✕", tooltip="remove", layout=_layout("2.6em"))
        self.name.add_class("playground-param-name")
        self.value.add_class("playground-param-value")
        self.kind.add_class("playground-param-kind")
        self.where.add_class("playground-param-where")
        for box in (self.name, self.value, self.kind, self.where):
            box.observe(lambda _change: owner._rows_edited(), names="value")
        self.up.on_click(lambda _button: owner._move(self, -1))
        self.down.on_click(lambda _button: owner._move(self, +1))
        self.remove.on_click(lambda _button: owner._remove(self))
        self.widgets = (
            self.name,
            self.value,
            self.kind,
            self.where,
            self.up,
            self.down,
            self.remove,
        )
        self.box = widgets.HBox(list(self.widgets))
        self.box.add_class("playground-row")

    def read(self) -> ParamRow:
        return ParamRow(self.name.value, self.value.value, self.kind.value, self.where.value)

    def close(self) -> None:
        for widget in (*self.widgets, self.box):
            widget.close()


class SignaturePlayground:
    """A jwt.io-style playground for Binance request signatures, in a notebook.

    Display it (last line of a cell, or ``.show()``). Every input writes into ``model``
    (a ``PlaygroundModel``) as you type, and every output is re-rendered. The input
    widgets are attributes, so code (and tests) can drive it as a learner would:
    ``pg.row("side").value.value = "SELL"``, ``pg.secret.value = "..."``,
    ``pg.send_button.click()``.

    "Send to the local exchange" starts a ``LocalExchange`` on 127.0.0.1 (once; ``close()``
    stops it). Its clock is ``SERVER_TIME_FIXED`` while the timestamp is fixed, and the
    model's clock when it is "now".
    """

    def __init__(self, model: PlaygroundModel | None = None) -> None:
        self.model = model if model is not None else PlaygroundModel()
        self.state = self.model.compute()
        self._exchange: LocalExchange | None = None
        self._exchange_lock = threading.Lock()
        self._build()
        self._refresh()

    # Building the widgets

    def _build(self) -> None:
        m = self.model
        self.method = widgets.Dropdown(options=METHODS, value=m.method, layout=_layout("7em"))
        self.path = widgets.Combobox(
            value=m.path, options=PATHS, ensure_option=False, layout=_layout("16em")
        )
        self.ws_method = widgets.Combobox(
            value=m.ws_method, options=WS_METHODS, ensure_option=False, layout=_layout("16em")
        )
        self.mode = widgets.ToggleButtons(
            options=MODES,
            value=m.mode,
            tooltips=[
                "REST: the percent-encoded query string + body, in the order sent",
                "WebSocket API: every param, apiKey included, sorted by name, raw UTF-8",
            ],
            style={"button_width": "9em"},
        )
        self.key_type = widgets.Dropdown(
            options=KEY_TYPES, value=m.key_type, description="key type", layout=_layout("14em")
        )
        self.api_key = widgets.Text(value=m.api_key, layout=_layout("44em"))
        self.secret = widgets.Password(value=m.secret, layout=_layout("44em"))
        self.secret_note = widgets.HTML()
        self.timestamp_mode = widgets.ToggleButtons(
            options=TIMESTAMP_MODES,
            value=m.timestamp_mode,
            tooltips=["a fixed timestamp (reproducible)", "the clock, read at every keystroke"],
            style={"button_width": "5em"},
        )
        self.timestamp = widgets.Text(value=m.timestamp, layout=_layout("12em"))
        self.recv_window = widgets.Text(
            value=m.recv_window, placeholder="(not sent)", layout=_layout("8em")
        )
        self.add_button = widgets.Button(description="+ add a parameter", layout=_layout("12em"))
        self.send_button = widgets.Button(
            description="Send to the local exchange",
            button_style="primary",
            layout=_layout("16em"),
        )
        self.error_html = widgets.HTML()
        self.payload_html = widgets.HTML()
        self.legend_html = widgets.HTML()
        self.signature_html = widgets.HTML()
        self.request_html = widgets.HTML()
        self.verdict_html = widgets.HTML()
        self.compare_signed = widgets.Textarea(value=_COMPARE_SIGNED, layout=_layout("100%"))
        self.compare_sent = widgets.Textarea(value=_COMPARE_SENT, layout=_layout("100%"))
        self.compare_take = widgets.Button(
            description="Take the playground's payload", layout=_layout("18em")
        )
        self.compare_html = widgets.HTML()

        for widget, css in (
            (self.method, "playground-method"),
            (self.path, "playground-path"),
            (self.ws_method, "playground-ws-method"),
            (self.mode, "playground-mode"),
            (self.key_type, "playground-key-type"),
            (self.api_key, "playground-api-key"),
            (self.secret, "playground-secret"),
            (self.timestamp_mode, "playground-timestamp-mode"),
            (self.timestamp, "playground-timestamp"),
            (self.recv_window, "playground-recv-window"),
            (self.add_button, "playground-add"),
            (self.send_button, "playground-send"),
            (self.error_html, "playground-error"),
            (self.payload_html, "playground-payload"),
            (self.signature_html, "playground-signature"),
            (self.request_html, "playground-request"),
            (self.verdict_html, "playground-verdict"),
            (self.compare_signed, "playground-compare-signed"),
            (self.compare_sent, "playground-compare-sent"),
            (self.compare_html, "playground-compare"),
        ):
            widget.add_class(css)

        for widget in (
            self.method,
            self.path,
            self.ws_method,
            self.mode,
            self.key_type,
            self.api_key,
            self.secret,
            self.timestamp_mode,
            self.timestamp,
            self.recv_window,
        ):
            widget.observe(self._inputs_edited, names="value")
        self.add_button.on_click(lambda _button: self._add())
        self.send_button.on_click(lambda _button: self.send())
        for widget in (self.compare_signed, self.compare_sent):
            widget.observe(lambda _change: self._refresh_compare(), names="value")
        self.compare_take.on_click(lambda _button: self._take_payload())

        self.rows = [_RowView(row, self) for row in m.rows]
        self.table = widgets.VBox([row.box for row in self.rows])
        header = widgets.HTML(
            "<div style='display:flex;gap:4px;font-size:12px;color:#5f6368'>"
            "<b style='width:12em'>name</b><b style='width:16em'>value</b>"
            "<b style='width:7.5em'>passed as</b><b style='width:6.5em'>goes in</b></div>"
        )

        def line(label: str, *children: widgets.Widget) -> widgets.HBox:
            title = widgets.HTML(_label(label), layout=_layout("8.5em", flex="0 0 8.5em"))
            return widgets.HBox([title, *children])

        sign_tab = widgets.VBox(
            [
                line("mode", self.mode, widgets.HTML("&nbsp;"), self.key_type),
                line("request", self.method, self.path, self.ws_method),
                line("parameters", widgets.VBox([header, self.table, self.add_button])),
                line(
                    "timestamp",
                    self.timestamp_mode,
                    self.timestamp,
                    widgets.HTML(f"&nbsp;{_label('recvWindow')}&nbsp;"),
                    self.recv_window,
                ),
                line("API key", self.api_key),
                line("secret key", widgets.VBox([self.secret, self.secret_note])),
                self.error_html,
                line("payload", widgets.VBox([self.payload_html, self.legend_html])),
                line("signature", self.signature_html),
                line("on the wire", self.request_html),
                line("exchange", widgets.VBox([self.send_button, self.verdict_html])),
            ]
        )
        compare_tab = widgets.VBox(
            [
                widgets.HTML(
                    "Paste the payload your code signed and the one that went on the wire "
                    "(the exchange's <code>Verdict.payload</code> in notebook 03, or a log). "
                    "The first differing byte is highlighted; both are signed with the "
                    "key of the first tab."
                ),
                self.compare_take,
                line("what I signed", self.compare_signed),
                line("what I sent", self.compare_sent),
                self.compare_html,
            ]
        )
        self.tabs = widgets.Tab(
            [sign_tab, compare_tab], titles=("Sign a request", "Compare payloads")
        )
        self.widget = widgets.VBox([self.tabs])
        self.widget.add_class("playground")
        self._show_mode()
        self._refresh_compare()

    # Reacting to edits

    def _inputs_edited(self, change: dict) -> None:
        m = self.model
        if change["owner"] is self.key_type:
            m.use_key_type(self.key_type.value)
            if self.api_key.value != m.api_key:
                self.api_key.value = m.api_key  # re-enters here once, with the same key type
                return
        m.method, m.path, m.ws_method = self.method.value, self.path.value, self.ws_method.value
        m.mode, m.key_type = self.mode.value, self.key_type.value
        m.api_key, m.secret = self.api_key.value, self.secret.value
        m.timestamp_mode = self.timestamp_mode.value
        m.timestamp, m.recv_window = self.timestamp.value, self.recv_window.value
        self._show_mode()
        self._refresh()
        if change["owner"] in (self.secret, self.key_type, self.api_key):
            self._refresh_compare()  # the compared payloads are signed with the same key

    def _show_mode(self) -> None:
        """Show the inputs that matter in this mode and for this key type, disable the rest."""
        m = self.model
        websocket = m.mode == WEBSOCKET
        for widget, shown in ((self.method, not websocket), (self.path, not websocket),
                              (self.ws_method, websocket)):  # fmt: skip
            widget.layout.display = None if shown else "none"
        for row in self.rows:
            row.where.disabled = websocket  # one JSON object: no query string, no body
        self.timestamp.disabled = m.timestamp_mode == "now"
        self.secret.disabled = m.key_type != HMAC
        self.secret_note.value = (
            ""
            if m.key_type == HMAC
            else _pending(f"not used: an {m.key_type} private key made in this kernel signs")
        )

    def _rows_edited(self) -> None:
        self.model.rows = [row.read() for row in self.rows]
        self._refresh()

    def _add(self) -> None:
        self.model.add_row()
        self.rows.append(_RowView(self.model.rows[-1], self))
        self.table.children = [row.box for row in self.rows]
        self._show_mode()
        self._refresh()

    def _move(self, row: _RowView, delta: int) -> None:
        index = self.rows.index(row)
        target = self.model.move_row(index, delta)
        self.rows.insert(target, self.rows.pop(index))
        self.table.children = [r.box for r in self.rows]
        self._refresh()

    def _remove(self, row: _RowView) -> None:
        index = self.rows.index(row)
        self.model.remove_row(index)
        self.rows.pop(index)
        self.table.children = [r.box for r in self.rows]
        row.close()
        self._refresh()

    def _refresh(self) -> None:
        """Recompute and re-render every output: runs on every keystroke."""
        state = self.state = self.model.compute()
        self.error_html.value = error_html(state)
        if state.payload is None:
            self.payload_html.value = _pending("— (no payload: see the refusal above)")
            self.legend_html.value = ""
        else:
            self.payload_html.value = payload_html(state.query, state.body)  # WS: body ""
            self.legend_html.value = _legend(state)
        self.signature_html.value = signature_html(state)
        self.request_html.value = request_html(state)
        self.send_button.disabled = state.signed is None
        self.verdict_html.value = _pending("Press Send: the exchange judges the request above.")

    def _refresh_compare(self) -> None:
        result = self.model.compare(self.compare_signed.value, self.compare_sent.value)
        self.compare_html.value = comparison_html(result)

    def _take_payload(self) -> None:
        if self.state.payload is not None:
            self.compare_signed.value = self.state.payload
            self.compare_sent.value = self.state.payload

    # Driving it from code

    def row(self, name: str) -> _RowView:
        """The widgets of the first row called ``name`` (``.name``, ``.value``, ...)."""
        for row in self.rows:
            if row.name.value == name:
                return row
        raise KeyError(f"no row named {name!r}; rows: {[r.name.value for r in self.rows]}")

    def _server_clock(self) -> int:
        if self.model.timestamp_mode == "fixed":
            return SERVER_TIME_FIXED
        return self.model.clock()

    @property
    def exchange(self) -> LocalExchange:
        """The local exchange the Send button talks to, started on first use."""
        with self._exchange_lock:
            if self._exchange is None:
                keys = self.model.exchange_keys()
                self._exchange = LocalExchange(keys=keys, clock=self._server_clock).start()
            return self._exchange

    def send(self) -> ServerVerdict | None:
        """Send the current request to the local exchange; show and return its verdict."""
        try:
            exchange = self.exchange
            state, reply = self.model.send(exchange)
        except (OSError, ValueError) as exc:  # requests' errors are OSErrors; a URL that
            # http.client cannot encode is a UnicodeEncodeError, a ValueError
            self.verdict_html.value = _box(f"<b>Not sent:</b> {html.escape(str(exc))}", ok=False)
            return None
        self.state = state
        if reply is None:
            self.verdict_html.value = _box("<b>Not sent:</b> a stage refused (above).", ok=False)
            return None
        verdict = exchange.last_verdict
        self.verdict_html.value = verdict_html(state, reply, verdict)
        return verdict

    def close(self) -> None:
        """Stop the local exchange, if it was started, and close every widget."""
        with self._exchange_lock:
            if self._exchange is not None:
                self._exchange.stop()
                self._exchange = None
        for row in self.rows:
            row.close()

        def close_tree(widget: widgets.Widget) -> None:
            for child in getattr(widget, "children", ()):
                close_tree(child)
            widget.close()

        close_tree(self.widget)

    # Display

    def _summary(self) -> str:
        s = self.state
        lines = [f"SignaturePlayground: {s.title}"]
        if s.payload is not None:
            lines.append(f"  payload    {s.payload}  ({len(s.payload_bytes)} bytes)")
        if s.signature is not None:
            lines.append(f"  signature  {s.signature}")
        if s.error is not None:
            lines.append(f"  refused    [{s.error_stage}] {s.error}")
        lines.append("  (a live widget: open this notebook in JupyterLab and run it to play)")
        return "\n".join(lines)

    def __repr__(self) -> str:
        return self._summary()

    def _repr_mimebundle_(self, **kwargs: object) -> dict:
        # The widget view, and a plain-text summary instead of the widgets' repr: stable
        # for nbval, readable where widgets do not render, and never a typed value.
        bundle = self.widget._repr_mimebundle_(**kwargs)
        bundle["text/plain"] = self._summary()
        return bundle

    def show(self) -> None:
        from IPython.display import display

        display(self)


# --- notebook 05's exercise self-checks ---------------------------------------------------
# Same contract as helpers.exercises: a helpers.exercises.Verdict, never an exception,
# "Not attempted yet" for an untouched answer. Expected values are the docs' literals.


def check_mixed_in_playground(playground: "SignaturePlayground | PlaygroundModel") -> Verdict:
    """Exercise 5.1: the docs' mixed request (query + body) rebuilt in the playground."""
    model = playground.model if isinstance(playground, SignaturePlayground) else playground
    if (model.mode, model.key_type) != (REST, HMAC):
        return Verdict(
            WRONG,
            "mode",
            f"The docs' example is a REST request signed with HMAC; the playground is set to "
            f"{model.mode} and {model.key_type}. Switch both back.",
        )
    state = model.compute()
    if not state.ok:
        return Verdict(WRONG, state.error_stage, f"The playground refuses: {state.error}")
    if not state.body:
        return Verdict(
            NOT_ATTEMPTED,
            None,
            "Everything is still in the query string. Set “goes in” to body for quantity "
            "and price, then run this cell again.",
        )
    if state.signature == MIXED_SIGNATURE:
        return Verdict(
            CORRECT,
            None,
            f"{state.signature[:8]}… is the docs' mixed-request signature: the query "
            "string and the body joined with no separator.",
        )
    if state.query != MIXED_QUERY:
        return Verdict(
            WRONG,
            "payload",
            f"The query string should be {MIXED_QUERY!r} (the docs' order, nothing else); "
            f"yours is {state.query!r}.",
        )
    if state.body != MIXED_BODY:
        return Verdict(
            WRONG,
            "payload",
            f"The body should be {MIXED_BODY!r}; yours is {state.body!r}. recvWindow and "
            "timestamp come last, after quantity and price, with the docs' values.",
        )
    return Verdict(
        WRONG,
        "signature",
        "The payload is the docs' one, so the key differs: put the docs' example secret "
        "back in the secret box (or rerun the playground cell).",
    )


def check_first_difference(answer: object, signed: str, sent: str) -> Verdict:
    """Exercise 5.2: the index of the first byte where ``signed`` and ``sent`` differ."""
    if answer is ... or answer is None:
        return Verdict(NOT_ATTEMPTED, None, "Replace ... with the byte index (an int).")
    expected = compare(signed, sent).index
    if isinstance(answer, bool) or not isinstance(answer, int):
        return Verdict(WRONG, "answer", f"Expected an int, got {type(answer).__name__}.")
    if answer == expected:
        return Verdict(
            CORRECT,
            None,
            f"Byte {expected}: everything before it is identical, so everything up to "
            "there was signed as sent.",
        )
    char_index = next(
        (i for i, (a, b) in enumerate(zip(signed, sent, strict=False)) if a != b), None
    )
    if answer == char_index:
        return Verdict(
            WRONG,
            "encoding",
            f"{answer} counts characters. A signature covers bytes, and in UTF-8 a "
            "non-ASCII character takes 2 to 4: count bytes (the compare tab does).",
        )
    if expected is not None and answer == expected + 1:
        return Verdict(WRONG, "answer", "Off by one: byte indexes start at 0.")
    return Verdict(WRONG, "answer", f"Not byte {answer}: look for the highlighted byte.")
