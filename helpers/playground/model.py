"""The playground's model: the inputs as a learner types them, and the stages that sign them.

No widgets here (the habit of jupyter-widgets' own tutorial): tests, notebook cells and the
benchmark drive ``PlaygroundModel`` directly, and ``helpers.playground.view`` is a thin
view over it. ``compute()`` runs the kit's own stages, in order, and names the stage that
refused:

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
  payload bytes: HMAC with the secret typed in (a newline in it is refused here, and only
  here), Ed25519 or RSA with a private key made in the kernel (``helpers.playground.keys``).

Invalid input never raises into the notebook: ``compute()`` catches the ``TypeError`` and
``ValueError`` the helpers raise (nothing broader) and returns the message in the state.
Where the secret is: in this model (``PlaygroundModel.secret``, in the kernel's memory) and,
once a view shows it, in the view's ``Password`` widget, whose value ipywidgets syncs to
the browser (it is in the widget's ``get_state()``; see ``helpers.playground.view``). It is
not in any repr, in a ``PlaygroundState``, or in a rendered output; the private keys stay
in the kernel (``helpers.playground.keys``) and are never in a widget.
"""

import dataclasses
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from helpers.compare import compare
from helpers.examples import (
    EXAMPLE_API_KEY,
    EXAMPLE_ORDER,
    EXAMPLE_RECV_WINDOW,
    EXAMPLE_SECRET_KEY,
    EXAMPLE_TIMESTAMP,
)
from helpers.exchange import LocalExchange, wall_clock_ms
from helpers.playground.keys import API_KEYS, exchange_keys, generated_keys
from helpers.playground.state import PayloadComparison, PlaygroundState
from helpers.request import Reply, SignedRequest, send, sign_request
from helpers.signing import HMAC, KEY_TYPES, sign_payload
from helpers.websocket import WsRequest, ws_request

__all__ = [
    "KINDS",
    "MODES",
    "PATHS",
    "PLACES",
    "REST",
    "SERVER_TIME_FIXED",
    "TIMESTAMP_MODES",
    "WEBSOCKET",
    "WS_METHODS",
    "ParamRow",
    "PlaygroundModel",
    "typed_value",
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

# The local exchange's clock while the timestamp is fixed: 441 ms after the docs' example
# timestamp, as in notebooks 03 and 04, so the docs' request is accepted on every run.
SERVER_TIME_FIXED = EXAMPLE_TIMESTAMP + 441

# The layout needs a key to sign with, but does not depend on it (see the module docstring).
_LAYOUT_ONLY_SECRET = "layout-only-stand-in"


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


def example_rows() -> list[ParamRow]:
    """The docs' example order, one row per parameter (a fresh list each time)."""
    return [ParamRow(name, value) for name, value in EXAMPLE_ORDER]


@dataclass(kw_only=True, repr=False, eq=False)
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

    rows: list[ParamRow] = dataclasses.field(default_factory=example_rows)
    method: str = "POST"
    path: str = "/api/v3/order"
    api_key: str = EXAMPLE_API_KEY
    secret: str = EXAMPLE_SECRET_KEY  # stored, used to sign, never shown (see __repr__)
    timestamp: str = str(EXAMPLE_TIMESTAMP)
    timestamp_mode: str = "fixed"
    recv_window: str = str(EXAMPLE_RECV_WINDOW)
    key_type: str = HMAC
    mode: str = REST
    ws_method: str = "order.place"
    clock: Callable[[], int] = wall_clock_ms
    # Made once per process (helpers.playground.keys), never shown.
    private_keys: Mapping[str, object] = dataclasses.field(default_factory=generated_keys)

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
        return exchange_keys(self.private_keys)

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
