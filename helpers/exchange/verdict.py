"""What the server received and how it judged it: the request, its trace, the verdict.

``RawRequest`` is one request exactly as it arrived — method, target, headers, body bytes
and the peer's address — with nothing decoded or re-encoded: the value the HTTP server
builds and ``ExchangeCore.judge`` reads (``core``). ``Trace`` collects what the checks
learn on the way — security type, key type, the signature payload rebuilt from the bytes
received, the signature, the server time, side notes — and ``Trace.verdict(...)`` freezes
it into a ``Verdict``: the record the exchange
keeps for every request (``LocalExchange.last_verdict``, ``GET /kit/last-verdict``), which
the notebooks display and the tests assert on. ``CHECK_*`` name the check that decided.
"""

from dataclasses import dataclass, field

from helpers import wire
from helpers.display import RowsDisplay
from helpers.exchange.messages import KEPT_BYTES, shown

# Which check decided (Verdict.check).
CHECK_OK = "ok"
CHECK_ROUTE = "route"
CHECK_HTTP = "http"
CHECK_API_KEY = "api-key"
CHECK_SYNTAX = "syntax"
CHECK_MANDATORY = "mandatory"
CHECK_DUPLICATE = "duplicate"
CHECK_EMPTY = "empty"
CHECK_RECV_WINDOW = "recv-window"
CHECK_TIMESTAMP = "timestamp"
CHECK_SIGNATURE = "signature"
CHECK_ENDPOINT = "endpoint"
CHECK_INTERNAL = "internal"
CHECK_REQUEST = "request"  # the WebSocket request's JSON envelope
CHECK_KEY_TYPE = "key-type"  # session.logon: Ed25519 keys only


@dataclass(frozen=True, repr=False)  # RowsDisplay shows it
class Verdict(RowsDisplay):
    """What the server received and how it judged it.

    ``target`` is the request target exactly as on the request line (path, ``?``, raw
    query), each byte shown as one character (Latin-1); ``body`` the raw body bytes.
    ``payload`` is the signature payload the server rebuilt from those bytes (text, with
    ``payload_length`` its length in bytes); empty for endpoints that are not SIGNED.
    ``check`` names the check that decided (``"ok"`` when the request was accepted);
    ``detail`` explains it; ``notes`` are side observations (an ignored body, a parameter
    sent twice where the query string won). ``peer`` is the client's IP address (``None``
    without a socket); it is kept, not shown. A body or payload over ``KEPT_BYTES`` is kept
    truncated, and a note says so.
    """

    method: str
    target: str
    body: bytes
    content_type: str | None
    security: str | None
    key_kind: str | None
    payload: str
    payload_length: int
    signature: str | None
    server_time: int | None
    status: int
    code: int | None
    msg: str | None
    check: str
    detail: str
    notes: tuple[str, ...] = ()
    peer: str | None = None

    @property
    def path(self) -> str:
        return self.target.partition("?")[0]

    @property
    def query(self) -> str:
        return self.target.partition("?")[2]

    @property
    def size(self) -> int:
        """About how many bytes this verdict holds (what the history's byte bound counts)."""
        texts = (self.target, self.payload, self.detail, self.signature or "", *self.notes)
        return 512 + len(self.body) + sum(len(text) for text in texts)

    @property
    def accepted(self) -> bool:
        return self.code is None and 200 <= self.status < 300

    def to_dict(self) -> dict[str, object]:
        """A JSON-ready dict (served at ``GET /kit/last-verdict``); the body as text."""
        return {
            "method": self.method,
            "target": self.target,
            "body": self.body.decode("utf-8", "backslashreplace"),
            "contentType": self.content_type,
            "security": self.security,
            "keyKind": self.key_kind,
            "payload": self.payload,
            "payloadLength": self.payload_length,
            "signature": self.signature,
            "serverTime": self.server_time,
            "status": self.status,
            "code": self.code,
            "msg": self.msg,
            "check": self.check,
            "detail": self.detail,
            "notes": list(self.notes),
        }

    def _rows(self) -> list[tuple[str, str]]:
        outcome = f"{self.status} accepted" if self.accepted else f"{self.status} {self.code}"
        rows = [
            ("request", f"{self.method} {shown(self.target, 300)}"),
            ("body", shown(self.body.decode("utf-8", "backslashreplace"), 300) or "(none)"),
            ("payload", f"{shown(self.payload, 300)}  ({self.payload_length} bytes)"),
            ("signature", self.signature if self.signature is not None else "(none)"),
            ("key", self.key_kind or "(none)"),
            ("server time", str(self.server_time) if self.server_time is not None else "-"),
            ("verdict", outcome + (f" {self.msg}" if self.msg else "")),
            ("check", f"{self.check}: {self.detail}"),
        ]
        rows += [("note", note) for note in self.notes]
        return rows


@dataclass(frozen=True)
class RawRequest:
    """One request as it arrived, nothing decoded or re-encoded: what the core judges.

    ``target`` is the request target exactly as on the request line (each byte one
    Latin-1 character); ``headers`` the (name, value) pairs in order as received; ``body``
    the raw body bytes; ``peer`` the client's IP address, ``None`` where there is no socket.
    """

    method: str
    target: str
    headers: tuple[tuple[str, str], ...] = ()
    body: bytes = b""
    peer: str | None = None

    def header_values(self, name: str) -> tuple[str, ...]:
        """Every value of header ``name`` (case-insensitive), in the order received."""
        return wire.header_values(self.headers, name)

    @property
    def api_keys(self) -> tuple[str, ...]:
        """The ``X-MBX-APIKEY`` values received (REST API: the key travels in this header)."""
        return self.header_values(wire.API_KEY_HEADER)

    @property
    def content_type(self) -> str | None:
        """The first ``Content-Type`` value, or ``None``."""
        return wire.content_type(self.headers)

    @property
    def path(self) -> str:
        return self.target.partition("?")[0]

    @property
    def query(self) -> bytes:
        return self.target.partition("?")[2].encode("latin-1")


@dataclass
class Trace:
    """What the checks learned so far; becomes the Verdict."""

    request: RawRequest
    security: str | None = None
    key_kind: str | None = None
    payload: bytes = b""
    signature: str | None = None
    server_time: int | None = None
    notes: list[str] = field(default_factory=list)

    def verdict(
        self, status: int, code: int | None, msg: str | None, check: str, detail: str
    ) -> Verdict:
        request = self.request
        body, notes = request.body, tuple(self.notes)
        if len(body) > KEPT_BYTES:
            notes += (f"body truncated: the first {KEPT_BYTES} of {len(body)} bytes are kept",)
            body = body[:KEPT_BYTES]
        payload = self.payload
        if len(payload) > KEPT_BYTES:
            notes += (
                f"payload truncated: the first {KEPT_BYTES} of {len(payload)} bytes are kept",
            )
            payload = payload[:KEPT_BYTES]
        return Verdict(
            method=request.method,
            target=request.target,
            body=body,
            content_type=request.content_type,
            security=self.security,
            key_kind=self.key_kind,
            payload=payload.decode("utf-8", "backslashreplace"),
            payload_length=len(self.payload),
            signature=self.signature,
            server_time=self.server_time,
            status=status,
            code=code,
            msg=msg,
            check=check,
            detail=detail[:500],
            notes=notes,
            peer=request.peer,
        )
