"""The last stage — request → verdict: a local stand-in for Binance's signed-request checks.

``LocalExchange`` is a real HTTP server on 127.0.0.1 that answers a few Spot REST paths and
judges SIGNED requests the way Binance's docs describe them (Spot API docs, REST API,
"Request security" → "SIGNED (TRADE and USER_DATA) Endpoint security" and "Timing
security"). Every request it handles leaves a ``Verdict``: the target and body exactly as
they arrived, the signature payload the server rebuilt from those bytes, and which check
decided. It is a **model, not Binance**: where the docs are silent it makes a choice, and
every such choice is listed in the assumptions table at the end of this docstring
(``assumptions()`` returns the same rows, for notebook 03).

From Python (a background thread; nothing is logged)::

    from helpers.exchange import LocalExchange
    from helpers.request import send

    with LocalExchange(clock=lambda: 1499827320000) as ex:
        reply = send(signed, ex.base_url)
        ex.last_verdict          # also served as JSON at GET /kit/last-verdict

From a shell (one line per request on stderr; Ctrl-C stops it)::

    python -m helpers.exchange --port 8080 [--server-time 1499827320000]

How a SIGNED request is judged, one small function per step:

1. Parse (``parse_part``): split the raw query string and the raw form body on ``&``.
   Names and values are decoded (form rules: ``+`` is a space, ``%XX`` a byte, UTF-8)
   only to *read* them. The payload is rebuilt from the **raw bytes received**: each part
   with its ``signature=...`` pair removed, query + body, no separator — the docs'
   "totalParams is defined as the query string concatenated with the request body".
2. Checks, in this order, each refusing with Binance's JSON error ``{"code": N, "msg": ...}``:
   API key header (-2014, -2015) → parameter syntax (-1100) → mandatory ``timestamp`` and
   ``signature`` (-1102) → duplicates within a part (-1101) → empty values (-1105) →
   ``recvWindow`` (-1100, -1102) → timing (-1021) → signature (-1022).
3. Verify with the key registered under the API key (faqs/api_key_types.md):
   ``HmacKey.verify`` — HMAC-SHA256 of the rebuilt payload bytes, hex compared
   case-insensitively in constant time; ``Ed25519Key.verify`` and ``RsaKey.verify`` — the
   signature (already percent-decoded, so ``%2B`` and ``%2b`` are both ``+``) read as
   strict base64, case-sensitive, and checked against the registered **public** key
   (RSA: PKCS#1 v1.5 with SHA-256). They use ``hashlib`` and ``cryptography`` directly,
   not ``helpers.signing``, so the verifier is independent of the kit's signer. On a
   mismatch the verdict's detail says whether the signature even has the key type's shape
   (64 hex characters, or base64 of 64 or 256 bytes): a wrong key type is a ``-1022`` too.
4. Route: the endpoint answers — ping, time, a fixed fake account, and orders kept in
   memory per API key (never matched).

The WebSocket API without a socket: ``LocalExchange.handle_ws(text)`` takes one request's
JSON text (``{"id", "method", "params"}``) and returns the response
``{"id", "status", "result" | "error"}``. It covers ``order.place``, ``order.test``,
``session.logon`` (Ed25519 keys only), ``session.status`` and ``session.logout``, and
verifies the WebSocket payload (WebSocket API, "SIGNED request security"): every param
except ``signature``, ``apiKey`` included, sorted by name, ``name=value`` joined with ``&``,
values raw (no percent-encoding), rebuilt from the JSON text received.

Codes and HTTP statuses this model answers:

| situation                                          | HTTP | code         |
|----------------------------------------------------|------|--------------|
| ``X-MBX-APIKEY`` missing or malformed / unknown    | 401  | -2014, -2015 |
| illegal characters, bad %-escape, bad recvWindow   | 400  | -1100        |
| duplicate parameter in one part, two signatures    | 400  | -1101        |
| timestamp, signature, order field missing          | 400  | -1102        |
| recvWindow over 60000                              | 400  | -1102        |
| empty parameter value                              | 400  | -1105        |
| timestamp outside recvWindow or 1000 ms ahead      | 400  | -1021        |
| signature does not match (or wrong key type)       | 400  | -1022        |
| WebSocket request that is not a JSON request       | 400  | -1135        |
| reused newClientOrderId / unknown order to cancel  | 400  | -2010, -2011 |
| unknown path / method not allowed on a path        | 404, 405 | -1020    |
| malformed HTTP, too large, timeout, server bug     | 400, 408, 411, 413, 414, 431 | -1000 |

Nothing here reads the wall clock except the default clock (``wall_clock_ms``); pass
``clock=`` to pin time. Only the standard library is imported when the module loads;
``cryptography`` is imported by ``Ed25519Key`` and ``RsaKey`` when they are used.
"""

import argparse
import base64
import binascii
import hashlib
import hmac
import json
import re
import socketserver
import sys
import threading
import time
import urllib.parse
from collections import deque
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from helpers.display import RowsDisplay
from helpers.examples import EXAMPLE_API_KEY, EXAMPLE_SECRET_KEY

__all__ = [
    "Ed25519Key",
    "HmacKey",
    "LocalExchange",
    "Part",
    "RsaKey",
    "Verdict",
    "assumptions",
    "form_decode",
    "main",
    "parse_part",
    "wall_clock_ms",
]

NOT_VERIFIED = "not verified against Binance; to be checked with `make testnet-check`"

# (behaviour, choice, source). The table at the end of the module docstring is generated
# from these rows, so the docstring, assumptions() and notebook 03 cannot drift apart.
ASSUMPTIONS: tuple[tuple[str, str, str], ...] = (
    (
        "Signature payload",
        "The raw bytes received: raw query string + raw form body, no separator, each with "
        "its `signature=...` pair removed (split on `&`, drop it, rejoin with `&`); never a "
        "re-serialized dict. So a space sent as `+` and one sent as `%20` both verify when "
        "each was signed as sent.",
        'REST API, SIGNED Endpoint security: "totalParams is defined as the query string '
        'concatenated with the request body". That Binance hashes the bytes as received '
        f"(so `+` and `%20` both pass): {NOT_VERIFIED}",
    ),
    (
        "Where `signature` may sit",
        "Anywhere in the query string or the body, not only last. Sent twice (in one part "
        "or in both) → -1101.",
        'REST API, SIGNED Endpoint security: `signature` is "sent in the query string or '
        'request body" (older docs: "the end part"). Position and repeat rule: '
        f"{NOT_VERIFIED}",
    ),
    (
        "Signature value",
        "Form-decoded like any value before verification (`%2B` and `%2b` → `+`; a raw "
        "`+` → space). HMAC hex compared case-insensitively, in constant time.",
        'REST API, SIGNED Endpoint security: "The signature is not case sensitive" (HMAC). '
        f"The decoding: {NOT_VERIFIED}",
    ),
    (
        "Ed25519 and RSA signatures",
        "Percent-decoded like any value, then read as strict standard base64 (alphabet "
        "`A-Z a-z 0-9 + /`, `=` padding kept) and verified with the registered public key "
        "(RSA: PKCS#1 v1.5 with SHA-256): case-sensitive. URL-safe or unpadded base64, or a "
        "`+` that arrived as a space → -1022.",
        "REST API, SIGNED Endpoint security, RSA Keys and Ed25519 Keys: base64, then "
        'percent-encoded; "the resulting signature are case-sensitive". The strict reading '
        f"of base64: {NOT_VERIFIED}",
    ),
    (
        "Wrong key type",
        "A signature shaped for another key type (64 hex characters sent for an Ed25519 or "
        "RSA key; base64 sent for an HMAC key; Ed25519-sized for an RSA key) → -1022 like "
        "any bad signature; the verdict's detail names both key types.",
        "errors.md lists no separate code for it (-1022 INVALID_SIGNATURE); "
        f"faqs/api_key_types.md. That Binance answers -1022: {NOT_VERIFIED}",
    ),
    (
        "Public keys",
        "`Ed25519Key` and `RsaKey` hold only a public key (a loaded key or a `PUBLIC KEY` "
        "PEM); a private key is refused: Binance is only ever given the public key.",
        "REST API, SIGNED Endpoint security, RSA Keys: you upload your public key and are "
        "given an API key; faqs/api_key_types.md.",
    ),
    (
        "Check order",
        "route → API key → syntax → mandatory timestamp/signature → duplicates → empty "
        "values → recvWindow → timing → signature → endpoint fields.",
        NOT_VERIFIED,
    ),
    (
        "API-key header",
        "Format: 1 to 128 ASCII letters and digits (Binance's keys are 64). Missing, empty, "
        "malformed (whitespace, quotes) or repeated `X-MBX-APIKEY` → -2014; well-formed but "
        "not registered → -2015. Header name case-insensitive.",
        'errors.md: -2014 BAD_API_KEY_FMT "API-key format invalid.", -2015 '
        f"REJECTED_MBX_KEY. The format rule: {NOT_VERIFIED}",
    ),
    (
        "HTTP status of -2014 and -2015",
        "401.",
        'REST API, HTTP Return Codes: "HTTP 4XX return codes are used for malformed '
        'requests" (no number per code). Clients report 401, e.g. '
        "binance/binance-connector-python issue #155 `(401, -2015, ...)`; "
        f"{NOT_VERIFIED}",
    ),
    (
        "HTTP status of other refusals",
        "400 for every other Binance code (-1xxx, -2010, -2011).",
        f"REST API, HTTP Return Codes (4XX, no number per code); {NOT_VERIFIED}",
    ),
    (
        "recvWindow over 60000",
        "400, -1102 \"'recvWindow' contains unexpected value. Cannot be greater than "
        "'60000'.\" 60000 itself is accepted.",
        'REST API, Timing security: the max "cannot go beyond 60,000". errors.md lists '
        "this -1102 message without naming the parameter; older docs had -1131 "
        f"BAD_RECV_WINDOW for this case. Which one Binance sends today: {NOT_VERIFIED}",
    ),
    (
        "recvWindow syntax",
        "Digits with up to 3 decimals (microseconds), e.g. `5000` or `0.5`; anything else "
        "→ -1100 naming the legal range.",
        "REST API, Timing security: recvWindow takes up to three decimal places. The error "
        f"for a malformed one: {NOT_VERIFIED}",
    ),
    (
        "timestamp unit",
        "A value of 10^15 or more (16+ digits) is microseconds, else milliseconds; a "
        "timestamp in seconds is therefore read as milliseconds in January 1970 → -1021. "
        "Non-digits or more than 20 digits → -1102 (malformed).",
        "REST API, Timing security: timestamp in milliseconds or microseconds. How the "
        f"unit is told apart: {NOT_VERIFIED}",
    ),
    (
        "Timing rule",
        "Accept iff `timestamp < serverTime + 1000` and `serverTime - timestamp <= "
        "recvWindow` (default 5000), computed exactly in microseconds; else -1021 with "
        'the "1000ms ahead" or the "outside of the recvWindow" message.',
        "REST API, Timing security (the rule is quoted there as code); errors.md, -1021 "
        "INVALID_TIMESTAMP messages.",
    ),
    (
        "Illegal characters",
        "Raw bytes outside visible ASCII (unencoded UTF-8, spaces, control bytes), "
        "malformed escapes (`%zz`, a lone `%`), escapes that decode to invalid UTF-8 or to "
        "control characters, an empty parameter name → -1100.",
        f"errors.md, -1100 ILLEGAL_CHARS. Which inputs trigger it: {NOT_VERIFIED}",
    ),
    (
        "Duplicate parameters",
        "A name twice in one part (query or body) → -1101. A name in both the query and "
        "the body is not an error: the query's value wins.",
        'errors.md, -1101 "Duplicate values for a parameter detected."; REST API, General '
        'Information on Endpoints: "If a parameter sent in both the query string and '
        'request body, the query string parameter will be used."',
    ),
    (
        "Empty values",
        "An empty timestamp or signature → -1102; any other empty value → -1105 "
        "\"Parameter '...' was empty.\"",
        f"errors.md, -1102 and -1105 messages. Which applies when: {NOT_VERIFIED}",
    ),
    (
        "Bodies that are not forms",
        "A body is read as parameters only with Content-Type "
        "application/x-www-form-urlencoded on POST or DELETE. A JSON body, a body without "
        "Content-Type, or a GET body is ignored (left out of the payload too), so such a "
        "request usually fails with -1102.",
        "REST API, General Information on Endpoints: parameters go in the query string or "
        'in a body "with content type application/x-www-form-urlencoded" (JSON bodies are '
        f"not accepted). The resulting error: {NOT_VERIFIED}",
    ),
    (
        "Size limit",
        "64 KiB: a longer request line → 414; query + body over 64 KiB → 413, refused from "
        "Content-Length before any of the body is read.",
        f"The kit's choice (Binance documents no limit); {NOT_VERIFIED}",
    ),
    (
        "HTTP-level errors",
        "Bad request line, headers, Content-Length or HTTP version → 400 (431 headers too "
        'large, 411 chunked body, 408 client too slow), body `{"code": -1000, ...}`. An '
        "unexpected error inside the server → 400, -1000. Never a 5xx, never a traceback.",
        f"errors.md, -1000 UNKNOWN. Binance's front end answers these itself: {NOT_VERIFIED}",
    ),
    (
        "Unknown path, wrong method",
        '404 or 405, -1020 "This operation is not supported."',
        f"errors.md, -1020 UNSUPPORTED_OPERATION; {NOT_VERIFIED}",
    ),
    (
        "Decimal order fields",
        "quantity, quoteOrderQty, price and stopPrice must match "
        "`^([0-9]{1,20})(\\.[0-9]{1,20})?$` (plain notation, so a float's `1e-05` fails) "
        "→ -1100 naming the parameter and that range.",
        "errors.md, -1100 \"Illegal characters found in parameter '%s'; legal range is "
        f"'%s'.\" The range itself is the one Binance's replies quote; {NOT_VERIFIED}",
    ),
    (
        "Orders",
        "Kept in memory per API key and never matched (status NEW until cancelled). POST "
        "checks only that symbol, side and type are sent (-1102 naming the first missing). "
        'DELETE needs symbol and orderId or origClientOrderId; unknown → -2011 "Unknown '
        'order sent."; a newClientOrderId already open → -2010 "Duplicate order sent."',
        "errors.md: messages for -2010 and -2011, and -1102 \"Param '%s' or '%s' must be "
        "sent, but both were empty/null!\". The rest is the kit's simplification.",
    ),
    (
        "WebSocket API payload",
        "`handle_ws` rebuilds it from the JSON text received: every param except "
        "`signature`, `apiKey` included, sorted by name in code-point order, `name=value` "
        "joined with `&`; strings raw UTF-8, numbers and `true`/`false` as their literal JSON "
        "text (`100`, `0.10`). The signature is read as is (no percent-decoding).",
        'WebSocket API, SIGNED request security, Step 1 ("sort them by name in alphabetical '
        'order"); errors.md, -1022. Numbers and booleans as literal text, code-point order: '
        f"{NOT_VERIFIED}",
    ),
    (
        "WebSocket API requests",
        "Not UTF-8, not a JSON object, no `method` string, an `id` that is not a string, "
        'integer or null, or `params` that is not an object → status 400, -1135 "Invalid '
        'JSON Request" (`id` null if unread). A name twice in params → -1101; null or empty '
        "value → -1105 (apiKey, timestamp, signature → -1102); arrays and objects → -1100. "
        "Methods: order.place, order.test, session.logon, session.status, session.logout "
        "(a `v3/` prefix allowed); any other → 400, -1020.",
        f"errors.md: -1135 INVALID_JSON, -1101, -1102, -1105, -1100, -1020. Which code "
        f"Binance sends for each: {NOT_VERIFIED}",
    ),
    (
        "WebSocket API responses",
        "`{id, status, result}` or `{id, status, error: {code, msg}}`; status as in the REST "
        "model (200, 400, and 401 for -2014/-2015); no `rateLimits` field. Checks in the "
        "REST order: envelope → method → apiKey (or session) → syntax → mandatory → "
        "duplicates → empty → recvWindow → timing → key type → signature → order fields.",
        'WebSocket API, Response format ("the same as in HTTP"); its session-revocation '
        "example answers -2015 with status 401. Leaving out rateLimits is the kit's "
        f"simplification; the check order: {NOT_VERIFIED}",
    ),
    (
        "session.logon",
        "Ed25519 keys only: an HMAC or RSA key → -1022, even with a valid signature. After "
        "a logon, order.place and order.test sent without `apiKey` and `signature` use the "
        "session's key (timestamp still checked). One simulated connection per exchange: "
        "`connectedSince` is the server time of its first request; session.logout forgets "
        "the key.",
        'WebSocket API, Session Authentication ("Only Ed25519 keys are supported") and '
        "session.logon. The code for other key types: users report an invalid-signature "
        "error (sieblyio/binance pull request #626); "
        f"{NOT_VERIFIED}",
    ),
    (
        "Connections",
        "One request per connection (HTTP/1.0, `Connection: close`). A client silent for "
        "`LocalExchange.socket_timeout` seconds (default 5) is disconnected, with 408 if "
        "it stalled mid-body.",
        f"The kit's choice, so one slow client cannot hang the server; {NOT_VERIFIED}",
    ),
)


def _markdown_table(rows: tuple[tuple[str, str, str], ...]) -> str:
    lines = ["| behaviour | choice | source |", "|---|---|---|"]
    lines += [f"| {behaviour} | {choice} | {source} |" for behaviour, choice, source in rows]
    return "\n".join(lines)


if __doc__ is not None:  # None under `python -OO`
    __doc__ += "\nAssumptions (generated from ``ASSUMPTIONS``):\n\n" + _markdown_table(ASSUMPTIONS)


def assumptions() -> list[tuple[str, str, str]]:
    """Every behaviour of this model that Binance's docs do not state: (behaviour, choice,
    source) rows, the same as the table in this module's docstring."""
    return list(ASSUMPTIONS)


# --- Wire facts -------------------------------------------------------------------------

HOST = "127.0.0.1"
API_KEY_HEADER = "X-MBX-APIKEY"
FORM_CONTENT_TYPE = "application/x-www-form-urlencoded"
KIT_VERDICT_PATH = "/kit/last-verdict"
MAX_REQUEST_BYTES = 64 * 1024
DEFAULT_RECV_WINDOW_MS = 5000
MAX_RECV_WINDOW_MS = 60000
AHEAD_LIMIT_MS = 1000
MICROSECOND_TIMESTAMP_MIN = 10**15  # 16 digits: a microsecond timestamp
MAX_VERDICTS = 10_000

API_KEY_FORMAT = re.compile(r"[A-Za-z0-9]{1,128}")
TIMESTAMP_FORMAT = re.compile(r"[0-9]{1,20}")
RECV_WINDOW_FORMAT = re.compile(r"([0-9]{1,20})(?:\.([0-9]{1,3}))?")
RECV_WINDOW_LEGAL_RANGE = r"^[0-9]{1,20}(\.[0-9]{1,3})?$"
_VISIBLE_ASCII = re.compile(rb"[\x21-\x7e]*")
_BAD_ESCAPE = re.compile(rb"%(?![0-9A-Fa-f]{2})")
_CONTROL_CHAR = re.compile(r"[\x00-\x1f\x7f]")

# Binance's messages (errors.md).
MSG_UNKNOWN = "An unknown error occurred while processing the request."
MSG_UNSUPPORTED = "This operation is not supported."
MSG_OUTSIDE_WINDOW = "Timestamp for this request is outside of the recvWindow."
MSG_AHEAD = "Timestamp for this request was 1000ms ahead of the server's time."
MSG_BAD_SIGNATURE = "Signature for this request is not valid."
MSG_ILLEGAL_CHARS = "Illegal characters found in a parameter."
MSG_DUPLICATE = "Duplicate values for a parameter detected."
MSG_BAD_KEY_FORMAT = "API-key format invalid."
MSG_REJECTED_KEY = "Invalid API-key, IP, or permissions for action."
MSG_UNKNOWN_ORDER = "Unknown order sent."
MSG_DUPLICATE_ORDER = "Duplicate order sent."
MSG_INVALID_JSON = "Invalid JSON Request"


def _mandatory(name: str) -> str:
    return f"Mandatory parameter '{name}' was not sent, was empty/null, or malformed."


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

_HTTP_MESSAGES = {
    400: "Malformed HTTP request.",
    408: "Request timed out: the client stopped sending.",
    411: "Chunked bodies are not supported: send Content-Length.",
    413: "Request too large: query string and body are limited to 64 KiB.",
    414: "Request line too long: it is limited to 64 KiB.",
    431: "Request header fields too large.",
}


def wall_clock_ms() -> int:
    """The default clock: wall-clock time in integer milliseconds since the epoch."""
    return time.time_ns() // 1_000_000


def _shown(text: str, limit: int = 200) -> str:
    """``text`` for a log line or a message: non-printables escaped, at most ``limit`` chars."""
    escaped = text.encode("unicode_escape").decode("ascii")
    return escaped if len(escaped) <= limit else escaped[: limit - 3] + "..."


# --- Keys ----------------------------------------------------------------------------------


class HmacKey:
    """An HMAC API key's secret, able to verify a signature — and never to show the secret.

    ``kind`` names the key type so that Ed25519 and RSA keys (holding a public key, with
    the same ``verify(payload, signature)`` method) can sit beside it later.
    """

    kind = "HMAC"
    __slots__ = ("_secret",)

    def __init__(self, secret: str | bytes) -> None:
        if isinstance(secret, str):
            secret = secret.encode("utf-8")
        if not isinstance(secret, (bytes, bytearray)) or not secret:
            raise TypeError("HmacKey: expected the secret key as a non-empty str or bytes")
        self._secret = bytes(secret)

    def verify(self, payload: bytes, signature: str) -> bool:
        """True if ``signature`` is HMAC-SHA256(secret, payload) in hex, in any letter case.

        REST API, SIGNED Endpoint security: "The signature is not case sensitive". Both
        sides are lowercased, then compared with ``hmac.compare_digest`` (constant time).
        """
        expected = hmac.new(self._secret, payload, hashlib.sha256).hexdigest()
        return hmac.compare_digest(expected.encode("ascii"), signature.lower().encode("utf-8"))

    def __repr__(self) -> str:
        return "HmacKey(secret=<hidden>)"


# Binance's API key types (faqs/api_key_types.md). HMAC keys share a secret; Ed25519 and
# RSA keys are key pairs: Binance holds only the public key and verifies with it.
KIND_HMAC, KIND_ED25519, KIND_RSA = "HMAC", "Ed25519", "RSA"
_HOW_TO_SIGN = {
    KIND_HMAC: "HMAC-SHA256 keyed with its secret key, as 64 hex characters",
    KIND_ED25519: "Ed25519 with its private key, as base64 (64 bytes)",
    KIND_RSA: "RSASSA-PKCS1-v1_5 with SHA-256 and its private key, as base64",
}
_RSA_SIGNATURE_BYTES = (128, 256, 384, 512)  # RSA-1024 to RSA-4096
_HEX_SIGNATURE = re.compile(r"[0-9a-fA-F]{64}")
_PEM_PUBLIC_HEADER = b"-----BEGIN PUBLIC KEY-----"


def _crypto():
    """``cryptography``'s pieces the public keys need, imported when first used."""
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ed25519, padding, rsa

    return InvalidSignature, hashes, serialization, padding, ed25519, rsa


def _unsupported() -> type[Exception]:
    from cryptography.exceptions import UnsupportedAlgorithm

    return UnsupportedAlgorithm


def _load_public_key(owner: str, kind: str, public_key: object) -> object:
    """A loaded public key of ``kind`` from a key object or ``PUBLIC KEY`` PEM; else a clear
    TypeError/ValueError naming ``public_key``. Private keys are refused: Binance is only
    ever given the public key."""
    _, _, serialization, _, ed25519, rsa = _crypto()
    classes = {
        KIND_ED25519: (ed25519.Ed25519PublicKey, ed25519.Ed25519PrivateKey),
        KIND_RSA: (rsa.RSAPublicKey, rsa.RSAPrivateKey),
    }
    public_class, private_class = classes[kind]
    if isinstance(public_key, (str, bytes, bytearray)):
        data = public_key.encode("utf-8") if isinstance(public_key, str) else bytes(public_key)
        first = data.strip().split(b"\n", 1)[0].strip()
        if first.endswith(b"PRIVATE KEY-----"):
            raise ValueError(
                f"{owner}: public_key is a *private* key PEM. Binance is only ever given your "
                "public key (you upload it; it issues the API key): pass the public key, "
                "e.g. private_key.public_key()"
            )
        if first != _PEM_PUBLIC_HEADER:
            raise ValueError(
                f"{owner}: public_key: expected a loaded {kind} public key or its PEM text "
                f"(starting {_PEM_PUBLIC_HEADER.decode()!r})"
            )
        try:
            public_key = serialization.load_pem_public_key(data)
        except (ValueError, TypeError, _unsupported()):
            raise ValueError(
                f"{owner}: public_key: the PEM could not be read (damaged or cut short?)"
            ) from None
    if isinstance(public_key, private_class):
        raise TypeError(
            f"{owner}: public_key is a *private* key. Binance is only ever given your public "
            "key: pass private_key.public_key()"
        )
    if not isinstance(public_key, public_class):
        other = next((k for k, (pub, _) in classes.items() if isinstance(public_key, pub)), None)
        hint = f": use {'RsaKey' if other == KIND_RSA else 'Ed25519Key'}" if other else ""
        raise TypeError(
            f"{owner}: expected an {kind} public key, got "
            f"{other + ' public key' if other else type(public_key).__name__}{hint}"
        )
    return public_key


def _strict_base64(text: str) -> bytes | None:
    """Standard base64 with its ``=`` padding, or None: no URL-safe alphabet, no spaces."""
    try:
        return base64.b64decode(text.encode("ascii"), validate=True)
    except (UnicodeEncodeError, binascii.Error, ValueError):
        return None


class _PublicKey:
    """An Ed25519 or RSA API key as Binance holds it: the public key alone."""

    kind = ""
    __slots__ = ("_key",)

    def __init__(self, public_key: object) -> None:
        self._key = _load_public_key(type(self).__name__, self.kind, public_key)

    @property
    def public_key(self) -> object:
        """The loaded ``cryptography`` public key (not a secret)."""
        return self._key

    def verify(self, payload: bytes, signature: str) -> bool:
        """True if ``signature`` (base64, case-sensitive) verifies ``payload`` with this key.

        The REST signature arrives percent-decoded (``%2B`` and ``%2b`` are both ``+``);
        the WebSocket API's arrives as is. Anything that is not strict standard base64 is
        a failed verification, never an exception.
        """
        raw = _strict_base64(signature)
        if raw is None:
            return False
        invalid_signature = _crypto()[0]
        try:
            self._verify(raw, payload)
        except (invalid_signature, ValueError):
            return False
        return True

    def _verify(self, raw: bytes, payload: bytes) -> None:
        raise NotImplementedError


class Ed25519Key(_PublicKey):
    """An Ed25519 API key: verifies base64 Ed25519 signatures with the public key.

    ``public_key`` is an ``Ed25519PublicKey`` or its PEM (``-----BEGIN PUBLIC KEY-----``).
    """

    kind = KIND_ED25519
    signature_bytes = 64
    __slots__ = ()

    def _verify(self, raw: bytes, payload: bytes) -> None:
        self._key.verify(raw, payload)

    def __repr__(self) -> str:
        _, _, serialization, _, _, _ = _crypto()
        raw = self._key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
        return f"Ed25519Key(public key {raw.hex()[:16]}…)"


class RsaKey(_PublicKey):
    """An RSA API key: verifies base64 RSASSA-PKCS1-v1_5 SHA-256 signatures.

    ``public_key`` is an ``RSAPublicKey`` or its PEM (``-----BEGIN PUBLIC KEY-----``).
    """

    kind = KIND_RSA
    __slots__ = ()

    @property
    def signature_bytes(self) -> int:
        return (self._key.key_size + 7) // 8

    def _verify(self, raw: bytes, payload: bytes) -> None:
        _, hashes, _, padding, _, _ = _crypto()
        self._key.verify(raw, payload, padding.PKCS1v15(), hashes.SHA256())

    def __repr__(self) -> str:
        return f"RsaKey({self._key.key_size}-bit public key)"


def _signature_shape(signature: str, *, decoded: bool) -> tuple[str | None, str]:
    """Which key type a signature looks like it came from, and a description of it.

    ``decoded`` is True for REST (the value was percent-decoded once already).
    """
    if _HEX_SIGNATURE.fullmatch(signature):
        return KIND_HMAC, "64 hex characters, an HMAC-SHA256 signature's shape"
    raw = _strict_base64(signature)
    if raw is not None:
        size = len(raw)
        if size == 64:
            return KIND_ED25519, "base64 of 64 bytes, an Ed25519 signature's shape"
        if size in _RSA_SIGNATURE_BYTES:
            return KIND_RSA, f"base64 of {size} bytes, an RSA-{size * 8} signature's shape"
        return None, f"base64 of {size} bytes"
    if " " in signature:
        return None, (
            "it has a space where base64 has '+': a '+' sent without percent-encoding "
            "arrives as a space; send it as %2B"
        )
    if "%" in signature:
        if decoded:
            return None, (
                "it still holds %-escapes after one decoding: the signature was "
                "percent-encoded twice (%252B); encode it once"
            )
        return None, (
            "it holds %-escapes: the WebSocket API carries the base64 as is, inside JSON; "
            "percent-encoding is for REST query strings and bodies"
        )
    if re.fullmatch(r"[A-Za-z0-9_-]+=*", signature) and re.search(r"[-_]", signature):
        return None, (
            "it is URL-safe base64 ('-' and '_'); Binance's signatures are standard base64 "
            "('+' and '/'): use base64.b64encode, not urlsafe_b64encode"
        )
    if re.fullmatch(r"[A-Za-z0-9+/]+", signature) and len(signature) % 4:
        return None, "it is base64 without its '=' padding; keep the padding"
    return None, "neither 64 hex characters nor base64"


def _mismatch_detail(
    key: object, payload: bytes, signature: str, *, decoded: bool, rule: str = ""
) -> str:
    """Why ``signature`` did not verify, as precisely as the signature's shape allows.

    ``rule`` describes how the payload was rebuilt, when that is not REST's rule.
    """
    kind = getattr(key, "kind", "?")
    shape, description = _signature_shape(signature, decoded=decoded)
    if shape is not None and shape != kind and kind in _HOW_TO_SIGN:
        return (
            f"wrong key type: this API key is registered as an {kind} key, but the signature "
            f"is {description}. Sign with the key registered under this API key: "
            f"{_HOW_TO_SIGN[kind]}"
        )
    if kind == KIND_HMAC:
        return (
            f"HMAC-SHA256 of the {len(payload)}-byte payload rebuilt from the bytes "
            f"received does not match the signature sent: compare this payload{rule} with the "
            "one you signed"
        )
    if kind not in _HOW_TO_SIGN:
        return (
            f"the {kind} key registered under this API key does not verify the signature "
            f"over the {len(payload)}-byte payload rebuilt from the bytes received"
        )
    if shape is None:
        return f"the {kind} signature cannot be read as standard base64: {description}"
    expected = getattr(key, "signature_bytes", None)
    if kind == KIND_RSA and expected and f"of {expected} bytes" not in description:
        return (
            f"the signature is {description}, but the registered RSA key makes "
            f"{expected}-byte signatures: signed with another key?"
        )
    return (
        f"the {kind} signature ({description}) does not verify with the registered public "
        f"key over the {len(payload)}-byte payload rebuilt from the bytes received: compare "
        f"this payload{rule} with the one you signed (base64 is case-sensitive, unlike HMAC's "
        "hex)"
    )


# --- The verdict ---------------------------------------------------------------------------


@dataclass(frozen=True, repr=False)  # RowsDisplay shows it
class Verdict(RowsDisplay):
    """What the server received and how it judged it.

    ``target`` is the request target exactly as on the request line (path, ``?``, raw
    query), each byte shown as one character (Latin-1); ``body`` the raw body bytes.
    ``payload`` is the signature payload the server rebuilt from those bytes (text, with
    ``payload_length`` its length in bytes); empty for endpoints that are not SIGNED.
    ``check`` names the check that decided (``"ok"`` when the request was accepted);
    ``detail`` explains it; ``notes`` are side observations (an ignored body, a parameter
    sent twice where the query string won).
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

    @property
    def path(self) -> str:
        return self.target.partition("?")[0]

    @property
    def query(self) -> str:
        return self.target.partition("?")[2]

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
            ("request", f"{self.method} {_shown(self.target, 300)}"),
            ("body", _shown(self.body.decode("utf-8", "backslashreplace"), 300) or "(none)"),
            ("payload", f"{_shown(self.payload, 300)}  ({self.payload_length} bytes)"),
            ("signature", self.signature if self.signature is not None else "(none)"),
            ("key", self.key_kind or "(none)"),
            ("server time", str(self.server_time) if self.server_time is not None else "-"),
            ("verdict", outcome + (f" {self.msg}" if self.msg else "")),
            ("check", f"{self.check}: {self.detail}"),
        ]
        rows += [("note", note) for note in self.notes]
        return rows




# --- Step 1: parse ---------------------------------------------------------------------------


# HTTP status per Binance code: 401 for the API-key codes, 400 for the rest (see the
# assumptions table). HTTP-level refusals pass their own status.
_KEY_CODES_STATUS = {-2014: 401, -2015: 401}


class _Refusal(Exception):
    """A request refused with Binance's error shape; ``check`` names the deciding check."""

    def __init__(
        self, code: int, msg: str, check: str, detail: str = "", *, status: int | None = None
    ) -> None:
        super().__init__(msg)
        self.code = code
        self.msg = msg
        self.check = check
        self.detail = detail
        self.status = status if status is not None else _KEY_CODES_STATUS.get(code, 400)


def _http_refusal(status: int, detail: str) -> _Refusal:
    """A refusal at the HTTP level, before any Binance check: code -1000, never a 5xx."""
    return _Refusal(-1000, _HTTP_MESSAGES[status], CHECK_HTTP, detail, status=status)


class _IllegalChars(ValueError):
    pass


def form_decode(raw: bytes) -> str:
    """One name or value as the server reads it: ``+`` is a space, ``%XX`` a byte, UTF-8.

    Strict where ``urllib.parse.unquote`` is lenient: a malformed escape (``%zz``, a lone
    ``%``), bytes that are not UTF-8, or a control character raise ``ValueError``.
    """
    shown = repr(_shown(raw.decode("latin-1"), 60))
    if _BAD_ESCAPE.search(raw):
        raise _IllegalChars(f"{shown} has a malformed %-escape")
    data = urllib.parse.unquote_to_bytes(raw.replace(b"+", b" "))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise _IllegalChars(f"{shown} decodes to bytes that are not UTF-8") from None
    if _CONTROL_CHAR.search(text):
        raise _IllegalChars(f"{shown} decodes to a control character")
    return text


@dataclass(frozen=True)
class Part:
    """One part of a request (``"query"`` or ``"body"``) as the server read it.

    ``pairs`` are the decoded (name, value) pairs in order, ``signature`` excluded;
    ``signatures`` the decoded values of every ``signature`` pair; ``payload`` the raw bytes
    with those pairs removed; ``problem`` the first syntax problem found (→ -1100).
    """

    label: str
    pairs: tuple[tuple[str, str], ...]
    signatures: tuple[str, ...]
    payload: bytes
    problem: str | None


def parse_part(label: str, raw: bytes) -> Part:
    """Read one raw part: split on ``&``, decode to read, keep the raw bytes to verify.

    The payload is the raw part with every ``signature=...`` segment dropped and the rest
    rejoined with ``&`` — the bytes as received, never re-encoded.
    """
    problem = None
    if not _VISIBLE_ASCII.fullmatch(raw):
        bad = next(byte for byte in raw if not 0x21 <= byte <= 0x7E)
        problem = f"the raw {label} contains the byte 0x{bad:02X}: percent-encode it"
    pairs: list[tuple[str, str]] = []
    signatures: list[str] = []
    kept: list[bytes] = []
    for segment in raw.split(b"&"):
        if not segment:
            kept.append(segment)
            continue
        raw_name, _, raw_value = segment.partition(b"=")
        try:
            name, value = form_decode(raw_name), form_decode(raw_value)
        except _IllegalChars as exc:
            problem = problem or f"{label}: {exc}"
            kept.append(segment)
            continue
        if not name:
            problem = problem or f"{label}: a parameter has an empty name"
            kept.append(segment)
        elif name == "signature":
            signatures.append(value)
        else:
            kept.append(segment)
            pairs.append((name, value))
    return Part(label, tuple(pairs), tuple(signatures), b"&".join(kept), problem)


def _is_form(content_type: str | None) -> bool:
    if content_type is None:
        return False
    return content_type.split(";", 1)[0].strip().lower() == FORM_CONTENT_TYPE


# --- Step 2: checks ------------------------------------------------------------------------


def _check_syntax(parts: tuple[Part, ...]) -> None:
    for part in parts:
        if part.problem:
            raise _Refusal(-1100, MSG_ILLEGAL_CHARS, CHECK_SYNTAX, part.problem)


def _first_values(part: Part) -> dict[str, str]:
    values: dict[str, str] = {}
    for name, value in part.pairs:
        values.setdefault(name, value)
    return values


def _merge(query: Part, body: Part, notes: list[str]) -> dict[str, str]:
    """Body values, then query values over them: "the query string parameter will be used"."""
    params = _first_values(body)
    for name, value in _first_values(query).items():
        if name in params:
            notes.append(
                f"{name!r} is in both the query string and the body: the query string's "
                f"value {value!r} is used (REST API, General Information on Endpoints)"
            )
        params[name] = value
    for name in ("apiKey", "api_key"):
        if name in params:
            notes.append(
                f"{name!r} is sent as a parameter: the REST API takes the key only from the "
                "X-MBX-APIKEY header"
            )
    return params


def _check_mandatory(params: Mapping[str, str], signatures: tuple[str, ...]) -> None:
    """SIGNED endpoints need ``timestamp`` and ``signature`` (REST API, Request security)."""
    timestamp = params.get("timestamp")
    if timestamp is None:
        raise _Refusal(-1102, _mandatory("timestamp"), CHECK_MANDATORY, "no timestamp sent")
    if not TIMESTAMP_FORMAT.fullmatch(timestamp):
        raise _Refusal(
            -1102,
            _mandatory("timestamp"),
            CHECK_MANDATORY,
            f"timestamp {_shown(timestamp, 40)!r} is not 1 to 20 digits of milliseconds "
            "(or microseconds) since the epoch",
        )
    if not signatures or not signatures[0]:
        raise _Refusal(
            -1102,
            _mandatory("signature"),
            CHECK_MANDATORY,
            "no signature sent" if not signatures else "the signature is empty",
        )


def _check_duplicates(parts: tuple[Part, ...], signatures: tuple[str, ...]) -> None:
    for part in parts:
        seen: set[str] = set()
        for name, _ in part.pairs:
            if name in seen:
                raise _Refusal(
                    -1101,
                    MSG_DUPLICATE,
                    CHECK_DUPLICATE,
                    f"{_shown(name, 40)!r} appears twice in the {part.label}",
                )
            seen.add(name)
    if len(signatures) > 1:
        raise _Refusal(
            -1101, MSG_DUPLICATE, CHECK_DUPLICATE, f"signature sent {len(signatures)} times"
        )


def _check_empty(parts: tuple[Part, ...]) -> None:
    for part in parts:
        for name, value in part.pairs:
            if value == "":
                shown = _shown(name, 40)
                raise _Refusal(
                    -1105,
                    f"Parameter '{shown}' was empty.",
                    CHECK_EMPTY,
                    f"{shown!r} in the {part.label} has an empty value: leave it out instead",
                )


def _recv_window_us(params: Mapping[str, str]) -> int:
    """``recvWindow`` in microseconds: default 5000 ms, at most 60000 ms, 3 decimals."""
    text = params.get("recvWindow")
    if text is None:
        return DEFAULT_RECV_WINDOW_MS * 1000
    match = RECV_WINDOW_FORMAT.fullmatch(text)
    if match is None:
        raise _Refusal(
            -1100,
            f"Illegal characters found in parameter 'recvWindow'; legal range is "
            f"'{RECV_WINDOW_LEGAL_RANGE}'.",
            CHECK_RECV_WINDOW,
            f"recvWindow {_shown(text, 40)!r} is not milliseconds with up to 3 decimals",
        )
    micros = int(match[1]) * 1000 + int((match[2] or "").ljust(3, "0"))
    if micros > MAX_RECV_WINDOW_MS * 1000:
        raise _Refusal(
            -1102,
            f"'recvWindow' contains unexpected value. Cannot be greater than "
            f"'{MAX_RECV_WINDOW_MS}'.",
            CHECK_RECV_WINDOW,
            f"recvWindow {text} ms is over the maximum of {MAX_RECV_WINDOW_MS} ms",
        )
    return micros


def _ms(micros: int) -> str:
    """Microseconds as milliseconds text: ``1500`` → ``'1.5'``."""
    whole, frac = divmod(micros, 1000)
    return f"{whole}.{frac:03d}".rstrip("0").rstrip(".") if frac else str(whole)


def _check_timing(timestamp: str, recv_window_us: int, server_time_ms: int) -> None:
    """REST API, Timing security: accept iff ``timestamp < serverTime + 1000`` and
    ``serverTime - timestamp <= recvWindow``; compared exactly, in microseconds."""
    value = int(timestamp)
    micro = value >= MICROSECOND_TIMESTAMP_MIN
    timestamp_us = value if micro else value * 1000
    server_us = server_time_ms * 1000
    unit = "microseconds" if micro else "milliseconds"
    if timestamp_us >= server_us + AHEAD_LIMIT_MS * 1000:
        raise _Refusal(
            -1021,
            MSG_AHEAD,
            CHECK_TIMESTAMP,
            f"timestamp {timestamp} ({unit}) is {_ms(timestamp_us - server_us)} ms ahead of "
            f"server time {server_time_ms}; it must be less than {AHEAD_LIMIT_MS} ms ahead",
        )
    if server_us - timestamp_us > recv_window_us:
        hint = " (a timestamp in seconds?)" if value < 10**11 else ""
        raise _Refusal(
            -1021,
            MSG_OUTSIDE_WINDOW,
            CHECK_TIMESTAMP,
            f"timestamp {timestamp} ({unit}) is {_ms(server_us - timestamp_us)} ms behind "
            f"server time {server_time_ms}; recvWindow allows {_ms(recv_window_us)} ms{hint}",
        )


# --- Step 4: endpoints ---------------------------------------------------------------------


@dataclass(frozen=True)
class _Call:
    """What a SIGNED endpoint gets once every check passed."""

    params: Mapping[str, str]
    api_key: str
    server_time: int


@dataclass(frozen=True)
class _Endpoint:
    security: str  # NONE, TRADE or USER_DATA (REST API, Endpoint security type)
    run: Callable[["LocalExchange", "_Call | None"], object]


def _require(params: Mapping[str, str], names: tuple[str, ...]) -> None:
    for name in names:
        if name not in params:
            raise _Refusal(-1102, _mandatory(name), CHECK_ENDPOINT, f"the endpoint needs {name!r}")


_ORDER_FIELDS = ("symbol", "side", "type")
_DECIMAL_FIELDS = ("quantity", "quoteOrderQty", "price", "stopPrice")
# errors.md, -1100 ILLEGAL_CHARS: "Illegal characters found in parameter '%s'; legal range
# is '%s'." The range below is the one Binance names for its decimal parameters.
DECIMAL_LEGAL_RANGE = r"^([0-9]{1,20})(\.[0-9]{1,20})?$"
_DECIMAL_FORMAT = re.compile(DECIMAL_LEGAL_RANGE)


def _check_order(params: Mapping[str, str]) -> None:
    """The order fields this model checks: present, and decimals in plain notation."""
    _require(params, _ORDER_FIELDS)
    for name in _DECIMAL_FIELDS:
        value = params.get(name)
        if value is not None and not _DECIMAL_FORMAT.match(value):
            raise _Refusal(
                -1100,
                f"Illegal characters found in parameter '{name}'; legal range is "
                f"'{DECIMAL_LEGAL_RANGE}'.",
                CHECK_ENDPOINT,
                f"{name} {_shown(value, 40)!r} is not a plain decimal (a float's '1e-05'?)",
            )


_FAKE_ACCOUNT = {
    "makerCommission": 10,
    "takerCommission": 10,
    "canTrade": True,
    "canWithdraw": False,
    "canDeposit": False,
    "accountType": "SPOT",
    "balances": [
        {"asset": "BTC", "free": "1.00000000", "locked": "0.00000000"},
        {"asset": "LTC", "free": "100.00000000", "locked": "0.00000000"},
    ],
    "permissions": ["SPOT"],
}


def _ping(exchange: "LocalExchange", call: _Call | None) -> object:
    return {}


def _time(exchange: "LocalExchange", call: _Call | None) -> object:
    return {"serverTime": exchange._now_ms()}


def _account(exchange: "LocalExchange", call: _Call | None) -> object:
    return json.loads(json.dumps(_FAKE_ACCOUNT))  # a fresh copy


def _order_test(exchange: "LocalExchange", call: _Call | None) -> object:
    assert call is not None
    _check_order(call.params)
    return {}


def _order_new(exchange: "LocalExchange", call: _Call | None) -> object:
    assert call is not None
    _check_order(call.params)
    return exchange._place_order(call)


def _open_orders(exchange: "LocalExchange", call: _Call | None) -> object:
    assert call is not None
    return exchange._open_orders(call)


def _order_cancel(exchange: "LocalExchange", call: _Call | None) -> object:
    assert call is not None
    _require(call.params, ("symbol",))
    if "orderId" not in call.params and "origClientOrderId" not in call.params:
        raise _Refusal(
            -1102,
            "Param 'origClientOrderId' or 'orderId' must be sent, but both were empty/null!",
            CHECK_ENDPOINT,
            "say which order to cancel",
        )
    return exchange._cancel_order(call)


# Binance Spot REST paths (REST API, General endpoints and Account endpoints).
_ROUTES: dict[str, dict[str, _Endpoint]] = {
    "/api/v3/ping": {"GET": _Endpoint("NONE", _ping)},
    "/api/v3/time": {"GET": _Endpoint("NONE", _time)},
    "/api/v3/account": {"GET": _Endpoint("USER_DATA", _account)},
    "/api/v3/order/test": {"POST": _Endpoint("TRADE", _order_test)},
    "/api/v3/order": {
        "POST": _Endpoint("TRADE", _order_new),
        "DELETE": _Endpoint("TRADE", _order_cancel),
    },
    "/api/v3/openOrders": {"GET": _Endpoint("USER_DATA", _open_orders)},
}


def _route(method: str, path: str) -> _Endpoint:
    methods = _ROUTES.get(path)
    if methods is None:
        detail = f"no endpoint at {_shown(path, 80)!r}"
        raise _Refusal(-1020, MSG_UNSUPPORTED, CHECK_ROUTE, detail, status=404)
    endpoint = methods.get(method)
    if endpoint is None:
        allowed = ", ".join(methods)
        detail = f"{path} answers {allowed}, not {_shown(method, 20)}"
        raise _Refusal(-1020, MSG_UNSUPPORTED, CHECK_ROUTE, detail, status=405)
    return endpoint


# --- The request and its trace ---------------------------------------------------------------


@dataclass(frozen=True)
class _Request:
    """One request as it arrived: what the checks need, nothing re-encoded."""

    method: str
    target: str
    api_keys: tuple[str, ...] = ()
    content_type: str | None = None
    body: bytes = b""

    @property
    def path(self) -> str:
        return self.target.partition("?")[0]

    @property
    def query(self) -> bytes:
        return self.target.partition("?")[2].encode("latin-1")


@dataclass
class _Trace:
    """What the checks learned so far; becomes the Verdict."""

    request: _Request
    security: str | None = None
    key_kind: str | None = None
    payload: bytes = b""
    signature: str | None = None
    server_time: int | None = None
    notes: list[str] = field(default_factory=list)

    def verdict(self, status: int, code: int | None, msg: str | None, check: str, detail: str):
        request = self.request
        return Verdict(
            method=request.method,
            target=request.target,
            body=request.body,
            content_type=request.content_type,
            security=self.security,
            key_kind=self.key_kind,
            payload=self.payload.decode("utf-8", "backslashreplace"),
            payload_length=len(self.payload),
            signature=self.signature,
            server_time=self.server_time,
            status=status,
            code=code,
            msg=msg,
            check=check,
            detail=detail[:500],
            notes=tuple(self.notes),
        )


def _parts(request: _Request, notes: list[str]) -> tuple[Part, Part]:
    """The query part and the body part; a body that is not a form counts as empty."""
    query = parse_part("query", request.query)
    body = request.body
    if body and request.method == "GET":
        notes.append("the body of a GET request is ignored: GET parameters go in the query")
        body = b""
    elif body and not _is_form(request.content_type):
        shown = "no Content-Type" if request.content_type is None else request.content_type
        notes.append(
            f"the body is ignored ({_shown(shown, 60)}): Binance reads a body only as "
            f"{FORM_CONTENT_TYPE}, never JSON"
        )
        body = b""
    return query, parse_part("body", body)


# --- The WebSocket API, without a socket -------------------------------------------------------

# WebSocket API methods this model answers, with their security type (WebSocket API,
# "Authentication requests" and "Trading requests"). "v3/order.place" is accepted too.
_WS_METHODS = {
    "order.place": "TRADE",
    "order.test": "TRADE",
    "session.logon": "SIGNED",
    "session.status": "NONE",
    "session.logout": "NONE",
}
_WS_VERSION_PREFIX = "v3/"


class _JsonNumber(str):
    """A JSON number kept as the literal text it arrived as (``100``, ``0.10``)."""


class _JsonObject(list):
    """A JSON object as its (name, value) pairs in order, so duplicates stay visible."""


def _ws_refusal(detail: str) -> _Refusal:
    return _Refusal(-1135, MSG_INVALID_JSON, CHECK_REQUEST, detail)


def _parse_ws(raw: bytes) -> tuple[object, str, list[tuple[str, object]]]:
    """(id, method, params pairs) of one WebSocket request; a -1135 refusal otherwise."""
    try:
        text = raw.decode("utf-8")
        data = json.loads(
            text,
            object_pairs_hook=_JsonObject,
            parse_int=_JsonNumber,
            parse_float=_JsonNumber,
            parse_constant=lambda name: _JsonNumber(name),
        )
    except UnicodeDecodeError:
        raise _ws_refusal("the request is not UTF-8 text") from None
    except ValueError as exc:
        raise _ws_refusal(f"the request is not valid JSON: {exc}") from None
    if not isinstance(data, _JsonObject):
        raise _ws_refusal('the request must be a JSON object {"id", "method", "params"}')
    fields = dict(data)
    request_id = fields.get("id")
    if isinstance(request_id, _JsonNumber):
        if not re.fullmatch(r"-?[0-9]{1,19}", request_id):
            raise _ws_refusal(f"id {request_id} is not an integer")
        request_id = int(request_id)
    elif request_id is not None and not isinstance(request_id, str):
        raise _ws_refusal("id must be a string, an integer or null")
    method = fields.get("method")
    if not isinstance(method, str) or not method:
        raise _Refusal(-1135, MSG_INVALID_JSON, CHECK_REQUEST, 'no "method" string in the request')
    params = fields.get("params", _JsonObject())
    if not isinstance(params, _JsonObject):
        raise _ws_refusal('"params" must be a JSON object')
    return request_id, method, list(params)


def _ws_text(name: str, value: object) -> str:
    """A parameter value as the server signs it: strings raw, numbers and booleans as the
    literal JSON text they arrived as."""
    if isinstance(value, _JsonNumber):
        return str(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return ""  # judged as empty, like ""
    if isinstance(value, str):
        if _CONTROL_CHAR.search(value):
            raise _Refusal(
                -1100,
                MSG_ILLEGAL_CHARS,
                CHECK_SYNTAX,
                f"{_shown(name, 40)!r} holds a control character",
            )
        return value
    raise _Refusal(
        -1100,
        MSG_ILLEGAL_CHARS,
        CHECK_SYNTAX,
        f"{_shown(name, 40)!r} is a JSON array or object; this model reads only strings, "
        "numbers and booleans",
    )


def _ws_payload_bytes(params: list[tuple[str, str]]) -> bytes:
    """WebSocket API, SIGNED request security, Step 1: every param except ``signature``,
    sorted by name, ``name=value`` joined with ``&``, values raw (no percent-encoding)."""
    kept = sorted((name, text) for name, text in params if name != "signature")
    return "&".join(f"{name}={text}" for name, text in kept).encode("utf-8")


# --- The exchange --------------------------------------------------------------------------


class LocalExchange:
    """A local model of Binance's signed-request checks, served over real HTTP on 127.0.0.1.

    ``keys`` maps API key → key object (``HmacKey``, ``Ed25519Key``, ``RsaKey``; anything
    with ``kind`` and ``verify(payload, signature)``); by default Binance's documented
    example HMAC pair is registered. ``clock`` returns the server time in integer
    milliseconds (default: the wall clock); pin it, e.g. ``clock=lambda: 1499827320000``,
    for deterministic output.
    ``port=0`` picks a free port. ``log``, if given, is called with one line per request
    (the command line passes a stderr printer; the ``with`` form logs nothing).
    """

    socket_timeout: float = 5.0  # seconds a client may stay silent mid-request

    def __init__(
        self,
        *,
        keys: Mapping[str, object] | None = None,
        clock: Callable[[], int] | None = None,
        port: int = 0,
        log: Callable[[str], None] | None = None,
    ) -> None:
        if clock is not None and not callable(clock):
            raise TypeError("clock: expected a function returning integer milliseconds")
        if isinstance(port, bool) or not isinstance(port, int) or not 0 <= port <= 65535:
            raise ValueError(f"port: expected an int from 0 to 65535, got {port!r}")
        self._clock = clock if clock is not None else wall_clock_ms
        self._port = port
        self._log = log
        self._lock = threading.Lock()
        self._keys: dict[str, object] = {}
        self._verdicts: deque[Verdict] = deque(maxlen=MAX_VERDICTS)
        self._orders: dict[str, list[dict[str, object]]] = {}
        self._next_order_id = 1
        # The one simulated WebSocket connection: when it "opened" and who logged on.
        self._ws_connected_since: int | None = None
        self._ws_session: tuple[str, int] | None = None  # (API key, authorizedSince)
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None
        if keys is None:
            keys = {EXAMPLE_API_KEY: HmacKey(EXAMPLE_SECRET_KEY)}
        for api_key, key in keys.items():
            self.register_key(api_key, key)

    # Keys and time

    def register_key(self, api_key: str, key: object) -> None:
        """Accept requests whose ``X-MBX-APIKEY`` is ``api_key``, verified with ``key``."""
        if not isinstance(api_key, str) or not API_KEY_FORMAT.fullmatch(api_key):
            raise ValueError(
                "api_key: expected 1 to 128 ASCII letters and digits (the format this model "
                "accepts in the X-MBX-APIKEY header)"
            )
        if not isinstance(getattr(key, "kind", None), str) or not callable(
            getattr(key, "verify", None)
        ):
            raise TypeError(
                "key: expected a key object: HmacKey(secret), Ed25519Key(public_key) or "
                "RsaKey(public_key)"
            )
        with self._lock:
            self._keys[api_key] = key

    def _now_ms(self) -> int:
        value = self._clock()
        if isinstance(value, bool) or not isinstance(value, int):
            raise TypeError(f"clock returned {value!r}; expected integer milliseconds")
        return value

    # Verdicts

    @property
    def last_verdict(self) -> Verdict | None:
        """The verdict on the latest handled request (``None`` before the first)."""
        with self._lock:
            return self._verdicts[-1] if self._verdicts else None

    @property
    def verdicts(self) -> list[Verdict]:
        """Every verdict so far, oldest first (the latest 10,000)."""
        with self._lock:
            return list(self._verdicts)

    def _record(self, verdict: Verdict) -> None:
        with self._lock:
            self._verdicts.append(verdict)
        code = "-" if verdict.code is None else str(verdict.code)
        self._log_line(f"{verdict.method} {_shown(verdict.target)} {verdict.status} {code}")

    def _log_line(self, line: str) -> None:
        if self._log is not None:
            self._log(line)

    # Judging one request

    def _handle(self, request: _Request, refusal: _Refusal | None = None) -> tuple[int, object]:
        """Judge ``request`` (or record ``refusal`` from the HTTP layer); never raises."""
        if refusal is None and request.method == "GET" and request.path == KIT_VERDICT_PATH:
            last = self.last_verdict
            return 200, None if last is None else last.to_dict()
        trace = _Trace(request)
        try:
            if refusal is not None:
                raise refusal
            status, data = self._judge(request, trace)
            detail = (
                "no checks: security type NONE"
                if trace.security == "NONE"
                else "accepted: API key, parameters, timing and signature all passed"
            )
            verdict = trace.verdict(status, None, None, CHECK_OK, detail)
        except _Refusal as exc:
            status, data = exc.status, {"code": exc.code, "msg": exc.msg}
            verdict = trace.verdict(exc.status, exc.code, exc.msg, exc.check, exc.detail)
        except Exception as exc:  # the catch-all: a bug here is a 400, never a 5xx
            status, data = 400, {"code": -1000, "msg": MSG_UNKNOWN}
            detail = f"unexpected {type(exc).__name__} in the server: {exc}"
            verdict = trace.verdict(400, -1000, MSG_UNKNOWN, CHECK_INTERNAL, detail)
        self._record(verdict)
        return status, data

    def _judge(self, request: _Request, trace: _Trace) -> tuple[int, object]:
        """Route, then the checks in order (see the module docstring), then the endpoint."""
        endpoint = _route(request.method, request.path)
        trace.security = endpoint.security
        if endpoint.security == "NONE":
            return 200, endpoint.run(self, None)

        query, body = _parts(request, trace.notes)
        signatures = query.signatures + body.signatures
        trace.payload = query.payload + body.payload
        trace.signature = signatures[0] if signatures else None

        api_key, key = self._check_api_key(request.api_keys)
        trace.key_kind = key.kind
        _check_syntax((query, body))
        params = _merge(query, body, trace.notes)
        _check_mandatory(params, signatures)
        _check_duplicates((query, body), signatures)
        _check_empty((query, body))
        recv_window_us = _recv_window_us(params)
        trace.server_time = self._now_ms()
        _check_timing(params["timestamp"], recv_window_us, trace.server_time)
        if not key.verify(trace.payload, signatures[0]):
            raise _Refusal(
                -1022,
                MSG_BAD_SIGNATURE,
                CHECK_SIGNATURE,
                _mismatch_detail(key, trace.payload, signatures[0], decoded=True),
            )
        return 200, endpoint.run(self, _Call(params, api_key, trace.server_time))

    def _check_api_key(self, values: tuple[str, ...]) -> tuple[str, object]:
        """REST API, Endpoint security type: the key travels in the ``X-MBX-APIKEY`` header."""
        if not values:
            raise _Refusal(
                -2014,
                MSG_BAD_KEY_FORMAT,
                CHECK_API_KEY,
                f"no {API_KEY_HEADER} header: the API key travels in this header",
            )
        if len(values) > 1:
            raise _Refusal(
                -2014,
                MSG_BAD_KEY_FORMAT,
                CHECK_API_KEY,
                f"{API_KEY_HEADER} sent {len(values)} times",
            )
        value = values[0]
        if not API_KEY_FORMAT.fullmatch(value):
            bad = next((c for c in value if not c.isascii() or not c.isalnum()), None)
            what = "is empty" if not value else f"has {len(value)} characters"
            if bad is not None:
                what += f" including {bad!r} at position {value.index(bad)}"
            raise _Refusal(
                -2014,
                MSG_BAD_KEY_FORMAT,
                CHECK_API_KEY,
                f"the {API_KEY_HEADER} value {what}; expected 1 to 128 letters and digits "
                "(whitespace or quotes from copy-paste?)",
            )
        key = self._keys.get(value)
        if key is None:
            raise _Refusal(
                -2015,
                MSG_REJECTED_KEY,
                CHECK_API_KEY,
                "no key is registered under this API key",
            )
        return value, key

    # The WebSocket API (one simulated connection, no socket)

    def handle_ws(self, text: str | bytes) -> dict[str, object]:
        """Judge one WebSocket API request given as its JSON text; return the response.

        The response has the WebSocket API's shape: ``{"id", "status", "result"}`` or
        ``{"id", "status", "error": {"code", "msg"}}`` (no ``rateLimits``). Signed methods
        (``order.place``, ``order.test``, ``session.logon``) are checked in the REST order
        — API key, parameters, timing, signature — over the WebSocket payload rebuilt
        from the JSON received (see the module docstring). Every request leaves a
        ``Verdict`` (method ``"WS"``, target the method name, body the JSON text).
        All calls share one simulated connection: after ``session.logon`` (Ed25519 keys
        only), ``order.*`` requests without ``apiKey`` and ``signature`` are authorized by
        the session. Never raises for anything the request holds.
        """
        if isinstance(text, str):
            raw = text.encode("utf-8", "surrogatepass")
        elif isinstance(text, (bytes, bytearray)):
            raw = bytes(text)
        else:
            raise TypeError(
                f"text: expected the request's JSON text (str), got {type(text).__name__}; "
                "the server receives text: pass json.dumps(request) or WsRequest.json()"
            )
        trace = _Trace(_Request(method="WS", target="(unread)", body=raw))
        request_id: object = None
        try:
            request_id, method, params = _parse_ws(raw)
            trace.request = _Request(method="WS", target=_shown(method, 80), body=raw)
            result = self._judge_ws(method, params, trace)
            if trace.security == "NONE":
                detail = "no checks: security type NONE"
            elif trace.signature is None:
                detail = "accepted: the session's API key, parameters and timing passed"
            else:
                detail = "accepted: API key, parameters, timing and signature all passed"
            verdict = trace.verdict(200, None, None, CHECK_OK, detail)
            response: dict[str, object] = {"id": request_id, "status": 200, "result": result}
        except _Refusal as exc:
            verdict = trace.verdict(exc.status, exc.code, exc.msg, exc.check, exc.detail)
            error = {"code": exc.code, "msg": exc.msg}
            response = {"id": request_id, "status": exc.status, "error": error}
        except Exception as exc:  # the catch-all: a bug here is a 400, never a traceback
            detail = f"unexpected {type(exc).__name__} in the server: {exc}"
            verdict = trace.verdict(400, -1000, MSG_UNKNOWN, CHECK_INTERNAL, detail)
            error = {"code": -1000, "msg": MSG_UNKNOWN}
            response = {"id": request_id, "status": 400, "error": error}
        self._record(verdict)
        return response

    def _ws_status(self, server_time: int) -> dict[str, object]:
        """WebSocket API, "Query session status": the response's fields."""
        api_key, since = self._ws_session or (None, None)
        return {
            "apiKey": api_key,
            "authorizedSince": since,
            "connectedSince": self._ws_connected_since,
            "returnRateLimits": False,
            "serverTime": server_time,
            "userDataStream": False,
        }

    def _judge_ws(self, method: str, pairs: list[tuple[str, object]], trace: _Trace) -> object:
        name = method.removeprefix(_WS_VERSION_PREFIX)
        security = _WS_METHODS.get(name)
        if security is None:
            raise _Refusal(
                -1020,
                MSG_UNSUPPORTED,
                CHECK_ROUTE,
                f"this model answers {', '.join(_WS_METHODS)}, not {_shown(method, 40)!r}",
            )
        trace.security = security
        now = self._now_ms()
        with self._lock:
            if self._ws_connected_since is None:
                self._ws_connected_since = now
        if security == "NONE":
            trace.server_time = now
            if name == "session.logout":
                with self._lock:
                    self._ws_session = None
            return self._ws_status(now)

        texts: list[tuple[str, str]] = []
        problem: _Refusal | None = None  # raised at the syntax check, after the API key's
        for param, value in pairs:
            try:
                texts.append((param, _ws_text(param, value)))
            except _Refusal as exc:
                problem = problem or exc
        names = [param for param, _ in texts]
        duplicate = next((n for n in names if names.count(n) > 1), None)
        params = dict(texts)
        signatures = tuple(text for param, text in texts if param == "signature")
        trace.payload = _ws_payload_bytes(texts)
        trace.signature = signatures[0] if signatures else None

        session = self._ws_session
        by_session = (
            name != "session.logon"
            and "apiKey" not in params
            and not signatures
            and session is not None
        )
        if by_session:
            api_key = session[0]
            key = self._keys.get(api_key)
            if key is None:  # revoked since logon
                with self._lock:
                    self._ws_session = None
                raise _Refusal(
                    -2015, MSG_REJECTED_KEY, CHECK_API_KEY, "the session's API key is gone"
                )
            trace.notes.append(
                "authorized by the session (session.logon): no apiKey or signature needed"
            )
        else:
            if "apiKey" not in params or not params["apiKey"]:
                raise _Refusal(
                    -1102,
                    _mandatory("apiKey"),
                    CHECK_API_KEY,
                    "no apiKey parameter: on the WebSocket API the key is a parameter "
                    "(there are no headers), and it is part of the signed payload",
                )
            try:
                api_key, key = self._check_api_key((params["apiKey"],))
            except _Refusal as exc:
                exc.detail = exc.detail.replace(f"the {API_KEY_HEADER} value", "apiKey")
                raise
        trace.key_kind = key.kind

        if problem is not None:
            raise problem
        if any(not n for n in names):
            raise _Refusal(-1100, MSG_ILLEGAL_CHARS, CHECK_SYNTAX, "a parameter has an empty name")
        # A session-authorized request needs its timestamp but no signature.
        _check_mandatory(params, ("(session)",) if by_session else signatures)
        if duplicate is not None:
            raise _Refusal(
                -1101,
                MSG_DUPLICATE,
                CHECK_DUPLICATE,
                f"{_shown(duplicate, 40)!r} appears twice in params",
            )
        for param, text in texts:
            if text == "":
                shown = _shown(param, 40)
                raise _Refusal(
                    -1105,
                    f"Parameter '{shown}' was empty.",
                    CHECK_EMPTY,
                    f"{shown!r} is empty or null: leave it out instead",
                )
        recv_window_us = _recv_window_us(params)
        trace.server_time = now
        _check_timing(params["timestamp"], recv_window_us, now)

        if not by_session:
            if name == "session.logon" and key.kind != KIND_ED25519:
                raise _Refusal(
                    -1022,
                    MSG_BAD_SIGNATURE,
                    CHECK_KEY_TYPE,
                    f"session.logon accepts Ed25519 keys only (WebSocket API, Authentication "
                    f"requests); this API key is an {key.kind} key. Sign each request with "
                    "apiKey and signature instead, or log on with an Ed25519 key",
                )
            if not key.verify(trace.payload, signatures[0]):
                raise _Refusal(
                    -1022,
                    MSG_BAD_SIGNATURE,
                    CHECK_SIGNATURE,
                    _mismatch_detail(
                        key,
                        trace.payload,
                        signatures[0],
                        decoded=False,
                        rule=" (params sorted by name, values raw, signature left out)",
                    ),
                )

        call = _Call(params, api_key, now)
        if name == "session.logon":
            with self._lock:
                self._ws_session = (api_key, now)
            return self._ws_status(now)
        _check_order(params)
        if name == "order.test":
            return {}
        return self._place_order(call)

    # Orders (in memory, per API key, never matched)

    def _place_order(self, call: _Call) -> dict[str, object]:
        params = call.params
        with self._lock:
            book = self._orders.setdefault(call.api_key, [])
            order_id = self._next_order_id
            client_id = params.get("newClientOrderId", f"kit-{order_id}")
            if any(order["clientOrderId"] == client_id for order in book):
                raise _Refusal(
                    -2010,
                    MSG_DUPLICATE_ORDER,
                    CHECK_ENDPOINT,
                    f"an open order already has clientOrderId {client_id!r}",
                )
            self._next_order_id += 1
            order = {
                "symbol": params["symbol"],
                "orderId": order_id,
                "orderListId": -1,
                "clientOrderId": client_id,
                "transactTime": call.server_time,
                "price": params.get("price", "0"),
                "origQty": params.get("quantity", "0"),
                "executedQty": "0",
                "cummulativeQuoteQty": "0",
                "status": "NEW",
                "timeInForce": params.get("timeInForce", "GTC"),
                "type": params["type"],
                "side": params["side"],
                "workingTime": call.server_time,
                "selfTradePreventionMode": "NONE",
            }
            book.append(order)
            return dict(order)

    def _open_orders(self, call: _Call) -> list[dict[str, object]]:
        symbol = call.params.get("symbol")
        with self._lock:
            book = self._orders.get(call.api_key, [])
            return [dict(o) for o in book if symbol is None or o["symbol"] == symbol]

    def _cancel_order(self, call: _Call) -> dict[str, object]:
        params = call.params
        if "orderId" in params:
            field_name, wanted = "orderId", params["orderId"]
        else:
            field_name, wanted = "clientOrderId", params["origClientOrderId"]
        with self._lock:
            book = self._orders.get(call.api_key, [])
            for index, order in enumerate(book):
                if order["symbol"] == params["symbol"] and str(order[field_name]) == wanted:
                    del book[index]
                    cancelled = dict(order)
                    break
            else:
                raise _Refusal(
                    -2011,
                    MSG_UNKNOWN_ORDER,
                    CHECK_ENDPOINT,
                    f"no open {params['symbol']} order with {field_name} {wanted!r}",
                )
        cancelled.pop("transactTime")
        cancelled.pop("workingTime")
        cancelled["origClientOrderId"] = cancelled["clientOrderId"]
        cancelled["clientOrderId"] = params.get("newClientOrderId", f"kit-cancel-{wanted}")
        cancelled["transactTime"] = call.server_time
        cancelled["status"] = "CANCELED"
        return cancelled

    # Serving

    @property
    def port(self) -> int:
        if self._server is None:
            raise RuntimeError("the exchange is not running: use `with LocalExchange() as ex:`")
        return self._server.server_address[1]

    @property
    def base_url(self) -> str:
        """``http://127.0.0.1:PORT`` while running."""
        return f"http://{HOST}:{self.port}"

    def _bind(self) -> "_Server":
        if self._server is not None:
            raise RuntimeError("the exchange is already running")
        self._server = _Server(self, self._port)
        return self._server

    def start(self) -> "LocalExchange":
        """Serve from a background thread until ``stop()``."""
        server = self._bind()
        self._thread = threading.Thread(
            target=server.serve_forever,
            kwargs={"poll_interval": 0.05},
            name=f"LocalExchange:{self.port}",
            daemon=True,
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving and close the listening socket."""
        server, thread = self._server, self._thread
        if server is None:
            return
        server.shutdown()
        server.server_close()
        if thread is not None:
            thread.join()
        self._server = self._thread = None

    def serve_forever(self, on_ready: Callable[[str], None] | None = None) -> None:
        """Serve in the calling thread until interrupted (the command line's way)."""
        server = self._bind()
        try:
            if on_ready is not None:
                on_ready(self.base_url)
            server.serve_forever(poll_interval=0.2)
        finally:
            server.server_close()
            self._server = None

    def __enter__(self) -> "LocalExchange":
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    def __repr__(self) -> str:
        where = self.base_url if self._server is not None else "not running"
        kinds = ", ".join(sorted({getattr(k, "kind", "?") for k in self._keys.values()}))
        return f"LocalExchange({where}, {len(self._keys)} key(s): {kinds or 'none'})"


# --- HTTP ------------------------------------------------------------------------------------


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 64

    def __init__(self, exchange: LocalExchange, port: int) -> None:
        self.exchange = exchange
        super().__init__((HOST, port), _Handler)

    def server_bind(self) -> None:
        # HTTPServer.server_bind would look up the host's FQDN (slow without DNS).
        socketserver.TCPServer.server_bind(self)
        self.server_name, self.server_port = HOST, self.server_address[1]

    def handle_error(self, request: object, client_address: object) -> None:
        # A connection that broke mid-reply: one log line, never a traceback.
        exc = sys.exc_info()[1]
        self.exchange._log_line(f"connection error: {type(exc).__name__}: {exc}")


class _Handler(BaseHTTPRequestHandler):
    """HTTP I/O only: read the raw request, hand it to the exchange, write the JSON reply."""

    protocol_version = "HTTP/1.0"  # one request per connection
    server_version = "helpers.exchange"
    sys_version = ""
    server: _Server

    def setup(self) -> None:
        self.timeout = self.server.exchange.socket_timeout
        super().setup()

    def __getattr__(self, name: str):
        # Every method (GET, POST, PATCH, BREW...) reaches _dispatch; routing answers 405.
        if name.startswith("do_"):
            return self._dispatch
        raise AttributeError(name)

    def _raw_target(self) -> str:
        """The target exactly as on the request line (``self.path`` may be normalised)."""
        words = self.requestline.split()
        return words[1] if len(words) >= 2 else getattr(self, "path", "")

    def _dispatch(self) -> None:
        exchange = self.server.exchange
        try:
            refusal = None
            try:
                body = self._read_body()
            except _Refusal as exc:
                body, refusal = b"", exc
            request = _Request(
                method=self.command,
                target=self._raw_target(),
                api_keys=tuple(self.headers.get_all(API_KEY_HEADER) or ()),
                content_type=self.headers.get("Content-Type"),
                body=body,
            )
            status, data = exchange._handle(request, refusal)
        except Exception:  # last line of defence: _handle itself never raises
            status, data = 400, {"code": -1000, "msg": MSG_UNKNOWN}
        self._respond(status, data)

    def _read_body(self) -> bytes:
        """Read the body, refusing early: size from Content-Length, before reading it."""
        if self.headers.get("Transfer-Encoding") is not None:
            raise _http_refusal(411, "Transfer-Encoding sent")
        lengths = {value.strip() for value in self.headers.get_all("Content-Length") or ()}
        if not lengths:
            return b""
        text = next(iter(lengths))
        if len(lengths) > 1 or not re.fullmatch(r"[0-9]{1,12}", text):
            raise _http_refusal(400, "bad or conflicting Content-Length")
        length = int(text)
        query_length = len(self._raw_target().partition("?")[2])
        if query_length + length > MAX_REQUEST_BYTES:
            raise _http_refusal(
                413,
                f"query {query_length} + body {length} bytes > {MAX_REQUEST_BYTES}; "
                "the body was not read",
            )
        try:
            body = self.rfile.read(length)
        except TimeoutError:
            raise _http_refusal(408, "the body stopped arriving") from None
        if len(body) < length:
            raise _http_refusal(400, f"the body ended after {len(body)} of {length} bytes")
        return body

    def send_error(self, code: int, message: str | None = None, explain: str | None = None):
        """http.server's own refusals (bad request line, headers...) as JSON, never 5xx."""
        detail = _shown(message or "", 300)
        if code == 501:  # unsupported method: unreachable while __getattr__ routes every do_*
            refusal = _Refusal(-1020, MSG_UNSUPPORTED, CHECK_HTTP, detail, status=405)
        else:
            refusal = _http_refusal(
                400 if code >= 500 or code not in _HTTP_MESSAGES else code, detail
            )
        request = _Request(method=self.command or "", target=self._raw_target())
        try:
            status, data = self.server.exchange._handle(request, refusal)
        except Exception:
            data = {"code": refusal.code, "msg": refusal.msg}
        self._respond(status, data)

    def _respond(self, status: int, data: object) -> None:
        payload = json.dumps(data, separators=(",", ":")).encode("utf-8")
        self.close_connection = True
        if self.request_version in ("", "HTTP/0.9"):
            self.request_version = self.protocol_version  # always send a status line
        try:
            self.send_response(status)
            self.send_header("Content-Type", "application/json;charset=UTF-8")
            self.send_header("Content-Length", str(len(payload)))
            self.send_header("Connection", "close")
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(payload)
        except OSError:
            pass  # the client went away; nothing left to tell it

    def log_request(self, code: object = "-", size: object = "-") -> None:
        pass  # the exchange logs one line per verdict instead

    def log_message(self, format: str, *args: object) -> None:
        self.server.exchange._log_line(format % args)


# --- Command line --------------------------------------------------------------------------


def _stderr_line(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


def main(argv: list[str] | None = None) -> int:
    """``python -m helpers.exchange [--port N] [--server-time MS]``; Ctrl-C stops it."""
    parser = argparse.ArgumentParser(
        prog="python -m helpers.exchange",
        description="Serve the kit's local model of Binance's signed-request checks on "
        "127.0.0.1, logging one line per request (method, target, status, code).",
    )
    parser.add_argument(
        "--port", type=int, default=8080, help="port on 127.0.0.1 (0: any free port)"
    )
    parser.add_argument(
        "--server-time",
        type=int,
        metavar="MS",
        help="pin the server clock, e.g. 1499827320000 to accept the docs' example request",
    )
    args = parser.parse_args(argv)
    pinned = args.server_time
    clock = None if pinned is None else (lambda: pinned)
    try:
        exchange = LocalExchange(clock=clock, port=args.port, log=_stderr_line)
        exchange.serve_forever(
            on_ready=lambda url: _stderr_line(
                f"helpers.exchange: listening on {url} with Binance's documented example "
                "key (HMAC); Ctrl-C stops"
            )
        )
    except KeyboardInterrupt:
        _stderr_line("helpers.exchange: stopped")
        return 0
    except (OSError, ValueError) as exc:
        _stderr_line(f"helpers.exchange: cannot listen on {HOST}:{args.port}: {exc}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
