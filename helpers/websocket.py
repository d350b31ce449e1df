"""A signed WebSocket API request as a value: the JSON text, its sorted payload, its signature.

Binance Spot API docs, WebSocket API, "Request format" and "SIGNED request security":

1. A request is one JSON object, ``{"id", "method", "params"}``, sent as a text frame;
   ``id`` is yours (the response echoes it), ``params`` holds every parameter — the API
   key too: there are no headers, so ``apiKey`` is a parameter and it is signed.
2. **Step 1: Construct the signature payload**: every param except ``signature``, sorted by
   name, ``name=value`` joined with ``&``, values raw UTF-8 — **no** percent-encoding
   (``helpers.params.ws_payload``). That is the difference from REST, which signs the
   percent-encoded parameters in the order they are sent.
3. **Step 2: Compute the signature** with the key's own signer (``helpers.signing``): HMAC
   hex, or Ed25519/RSA base64. The base64 goes into the JSON **as is**: JSON carries
   ``+``, ``/`` and ``=`` without harm, so there is nothing to percent-encode.
4. "Step 3. Add signature to request params".

``ws_request`` chains the steps and returns a ``WsRequest`` exposing each intermediate;
``WsRequest.json()`` is the text to send (or to give ``LocalExchange.handle_ws``).
Time is injected (``timestamp=``); nothing here reads a clock. Only the standard library
is imported (``cryptography`` only when an Ed25519 or RSA key signs).
"""

import json
from dataclasses import dataclass, field
from decimal import Decimal

from helpers.display import RowsDisplay
from helpers.params import format_value, ws_payload
from helpers.request import masked_api_key
from helpers.signing import HMAC, sign_payload
from helpers.validate.params import validate_pairs
from helpers.validate.request import validate_api_key, validate_key_arguments, validate_timestamp

__all__ = ["WsRequest", "ws_request"]

# Parameters ws_request sets itself; passing them in params is a mistake.
_RESERVED = {
    "timestamp": "pass timestamp=... to ws_request instead",
    "recvWindow": "pass recv_window=... to ws_request instead",
    "apiKey": "pass api_key=... to ws_request instead",
    "signature": "ws_request signs the request and adds signature itself",
}


@dataclass(frozen=True, repr=False)  # RowsDisplay shows it
class WsRequest(RowsDisplay):
    """A signed WebSocket API request and the intermediates that produced it.

    ``params`` are the request's parameters as JSON values, in the order they are sent
    (``signature`` last); ``payload`` is what was signed (sorted, raw). The API key is
    shown only if it is Binance's documented example key. No secret is stored.
    """

    id: str | int
    method: str
    params: tuple[tuple[str, object], ...]
    payload: str
    signature: str
    key_type: str = HMAC
    api_key: str = field(default="", repr=False)

    @property
    def payload_bytes(self) -> bytes:
        """The exact bytes the signature covers (UTF-8)."""
        return self.payload.encode("utf-8")

    def to_dict(self) -> dict[str, object]:
        """``{"id", "method", "params"}``, ready for ``json.dumps``."""
        return {"id": self.id, "method": self.method, "params": dict(self.params)}

    def json(self, *, indent: int | None = None) -> str:
        """The request's JSON text, non-ASCII kept as UTF-8 (a WebSocket text frame)."""
        separators = None if indent else (",", ":")
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent, separators=separators)

    def _rows(self) -> list[tuple[str, str]]:
        return [
            ("request", f"{self.method}  (id {self.id!r})"),
            ("key type", self.key_type),
            ("apiKey", masked_api_key(self.api_key)),
            ("payload", f"{self.payload}  ({len(self.payload_bytes)} bytes, sorted, raw)"),
            ("signature", self.signature),
            ("signature goes in", "params.signature, as is (JSON: nothing is percent-encoded)"),
        ]


def _json_value(name: str, value: object) -> object:
    """The JSON value sent for one parameter: str and int as they are, Decimal as its text.

    ``format_value`` validates first (refusing float, bool, None, empty strings), so the
    JSON value and the signed text always agree.
    """
    if isinstance(value, (list, tuple)):
        raise TypeError(
            f"parameter {name!r}: list values are not supported in a WebSocket payload "
            "here (the docs give no signing rule for arrays)"
        )
    text = format_value(name, value)
    return value if isinstance(value, (str, int)) and not isinstance(value, bool) else text


def ws_request(
    method: str,
    params: object = (),
    *,
    request_id: str | int,
    api_key: str,
    timestamp: int,
    secret: str | bytes | None = None,
    key_type: str = HMAC,
    private_key: object = None,
    password: str | bytes | None = None,
    recv_window: int | Decimal | None = None,
) -> WsRequest:
    """Build and sign a WebSocket API request (``order.place``, ``session.logon``, ...).

    ``params`` are the method's own parameters (a mapping or (name, value) pairs);
    ``recvWindow`` (if given), ``timestamp`` and ``apiKey`` are added after them, then the
    signature over the sorted raw payload. The key type is explicit, as in
    ``helpers.request.sign_request``: ``secret=`` for ``key_type="HMAC"`` (the default),
    ``private_key=`` for ``"Ed25519"`` or ``"RSA"``. ``request_id`` is echoed back by
    the server; a fixed string keeps notebook outputs stable.
    """
    if not isinstance(method, str) or not method or not method.isascii() or " " in method:
        raise ValueError(f"method: expected a method name such as 'order.place', got {method!r}")
    if isinstance(request_id, bool) or not isinstance(request_id, (str, int)) or request_id == "":
        raise TypeError(
            f"request_id: expected a non-empty str or an int (the server echoes it), "
            f"got {request_id!r}"
        )
    validate_timestamp(timestamp)
    validate_api_key(api_key)
    kind = validate_key_arguments(key_type, secret, private_key, password)

    sent: list[tuple[str, object]] = []
    for name, value in validate_pairs(params):
        if name in _RESERVED:
            raise ValueError(f"params: parameter {name!r} is set by ws_request; {_RESERVED[name]}")
        sent.append((name, _json_value(name, value)))
    if recv_window is not None:
        sent.append(("recvWindow", _json_value("recvWindow", recv_window)))
    sent += [("timestamp", timestamp), ("apiKey", api_key)]

    payload = ws_payload(sent)  # refuses repeated or empty names, as REST's query_string
    signature = sign_payload(
        kind, secret if kind == HMAC else private_key, payload, password=password
    )
    return WsRequest(
        id=request_id,
        method=method,
        params=tuple(sent) + (("signature", signature),),
        payload=payload,
        signature=signature,
        key_type=kind,
        api_key=api_key,
    )
