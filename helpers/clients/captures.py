"""What a client built: the payload it signed and the bytes it would send, side by side.

``Capture`` is one REST request, ``WsCapture`` one WebSocket API request. Both hold the
exact text the client handed to its HMAC function (``signed``) and what it put on the wire,
so the one rule of signing can be checked on them: what is signed is what is sent.
``verdict`` is the ``LocalExchange``'s, when the request was forwarded to one.
"""

import json
import urllib.parse
from dataclasses import dataclass, field

from helpers.compare import Comparison, compare
from helpers.wire import split_signature

__all__ = ["Capture", "WsCapture", "as_text"]


def as_text(value: str | bytes) -> str:
    """UTF-8 bytes (what ccxt signs, what ``requests`` sends) as text; text as it is."""
    return value.decode("utf-8") if isinstance(value, (bytes, bytearray)) else value


def _pairs(text: str) -> list[tuple[str, str]]:
    """``a=1&b=2`` → ``[("a", "1"), ("b", "2")]``, raw; pairs without ``=`` are skipped."""
    split = (pair.partition("=") for pair in text.split("&"))
    return [(name, value) for name, sep, value in split if sep]


@dataclass(frozen=True)
class Capture:
    """One REST request as a client built it: what it signed, and what it would send.

    ``signed`` is the exact text handed to the client's HMAC function; ``path``, ``query``
    (the raw query string) and ``body`` are the bytes on the wire as text; ``headers`` are
    all the headers ``requests`` prepared. ``sent_payload`` is what a server rebuilds from
    those bytes (query + body, ``signature`` removed); the rule is ``signed == sent_payload``.
    """

    client: str
    version: str
    method: str
    path: str
    query: str
    body: str
    headers: dict[str, str] = field(repr=False)
    signed: str
    signature: str
    verdict: object = None

    @property
    def target(self) -> str:
        """The request target: path, and ``?`` and the query string if there is one."""
        return f"{self.path}?{self.query}" if self.query else self.path

    @property
    def sent_payload(self) -> str:
        return split_signature(self.query)[0] + split_signature(self.body)[0]

    @property
    def signs_what_it_sends(self) -> bool:
        return self.signed == self.sent_payload

    def comparison(self) -> Comparison:
        """``helpers.compare`` of what was signed against what was sent."""
        return compare(self.signed, self.sent_payload, labels=("signed", "sent"))

    def sent_value(self, name: str) -> str | None:
        """The raw text of parameter ``name`` as sent (still percent-encoded), or ``None``."""
        for key, value in _pairs(self.query) + _pairs(self.body):
            if urllib.parse.unquote_plus(key) == name:
                return value
        return None

    def signed_value(self, name: str) -> str | None:
        """The text of parameter ``name`` in the signed payload, or ``None``."""
        return next((value for key, value in _pairs(self.signed) if key == name), None)

    @property
    def signed_names(self) -> list[str]:
        return [pair.partition("=")[0] for pair in self.signed.split("&") if pair]

    @property
    def where(self) -> str:
        """Where the parameters travel: ``"query string"``, ``"body"`` or ``"both"``."""
        query, body = bool(split_signature(self.query)[0]), bool(split_signature(self.body)[0])
        return "both" if query and body else "body" if body else "query string"


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
        except ``signature``, sorted by name, raw UTF-8 (web-socket-api.md → "Request
        security" → "SIGNED request example (HMAC)"). ``helpers.params.ws_payload`` is the
        kit's builder for it, but it refuses values such as ``True`` that a client may
        send; here any JSON value is shown as the client's JSON has it."""
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
