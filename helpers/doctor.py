"""The signature doctor: why was this request refused? Proofs, not guesses.

When Binance answers ``-1022 Signature for this request is not valid``, you hold a URL, a
body, a signature and a secret — and no idea which byte is wrong. ``diagnose`` finds out
the way a server would, then goes further:

1. **Read the request as the server does** (``helpers.exchange.parse_part``): the raw
   query string and, for a form body, the raw body; the signature payload is those bytes
   with the ``signature=...`` pair removed, query + body, no separator.
2. **Check what the request itself shows**: the ``X-MBX-APIKEY`` header, raw or illegal
   characters, ``timestamp`` and ``signature`` present, no parameter sent twice or empty,
   ``recvWindow``, the timestamp's unit and — given ``server_time`` — the timing rule,
   a JSON body, the API key sent as a parameter, values such as ``1e-05``.
3. **Check the signature**: HMAC-SHA256 with the secret over the payload as sent. If it
   verifies, the signature is right.
4. **If it does not, test hypotheses**: rebuild the payload the way each known mistake
   would have produced it (HTML entities decoded, not percent-encoded, ``%20`` for ``+``,
   reordered, sorted, joined with ``&``, a trailing newline, ...), and the key each key
   mistake would have used (a newline in the secret, base64-decoded, the API key), and
   check which one the signature *actually* matches. The one that matches **is** the
   diagnosis: an HMAC that equals the signature sent is a proof, not a guess.
5. **If none matches**, say so honestly: with ``signed_payload`` given and equal to what
   was sent, the key must differ (``WRONG_SECRET_OR_KEY``); otherwise the mismatch is
   unexplained (``UNKNOWN_MISMATCH``) and the hypotheses tried are listed.

A finding is reported only with its proof: either *the request shows it* (step 2), or
*the signature verifies over the payload or key rebuilt that way* (step 4). Several may
apply at once (a seconds timestamp and a mojibake payload, say).

    >>> from helpers.doctor import diagnose
    >>> d = diagnose("curl -H 'X-MBX-APIKEY: ...' 'https://api.binance.com/api/v3/...'",
    ...              secret=secret, server_time=server_time)   # doctest: +SKIP
    >>> d.ok, d.codes                                          # doctest: +SKIP

``sent`` may be a URL (with ``body=``, ``headers=``, ``method=``), a ``curl`` command line,
a raw HTTP request (text or bytes), a ``helpers.request.SignedRequest``, a
``requests.PreparedRequest`` or ``Response``, a ``helpers.exchange.Verdict`` (the bytes the
local exchange received), or a ``Sent``. From a shell::

    BINANCE_API_SECRET=... python -m helpers.doctor --secret-env BINANCE_API_SECRET 'curl ...'

The secret is never printed, logged or kept: it is used inside ``diagnose`` and dropped;
a secret that shows up in the request itself is masked as ``<secret>`` in every output.
Only the standard library is imported.

Codes (stable; generated from ``CODES``, listed in the order the server checks)
are in the table below. *Proof* says how a finding is established: **request** — the
request shows it; **signature** — the signature verifies over the payload (or with the
key) rebuilt the way that mistake produces it; **signed_payload** — from the payload you
say you signed.
"""

import argparse
import base64
import binascii
import hashlib
import hmac
import html
import itertools
import json
import os
import re
import shlex
import sys
import urllib.parse
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from helpers.compare import Comparison, compare
from helpers.examples import EXAMPLE_API_KEY
from helpers.exchange import (
    AHEAD_LIMIT_MS,
    API_KEY_FORMAT,
    DEFAULT_RECV_WINDOW_MS,
    FORM_CONTENT_TYPE,
    MAX_RECV_WINDOW_MS,
    MICROSECOND_TIMESTAMP_MIN,
    RECV_WINDOW_FORMAT,
    TIMESTAMP_FORMAT,
    Verdict,
    form_decode,
    parse_part,
)

__all__ = [
    "CODES",
    "Code",
    "Diagnosis",
    "Finding",
    "Sent",
    "as_sent",
    "diagnose",
    "main",
    "parse_curl",
    "parse_http",
]

API_KEY_HEADER = "X-MBX-APIKEY"
SECRET_MASK = "<secret>"
API_KEY_MASK = "$BINANCE_API_KEY"


# --- The codes ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Code:
    """One stable finding code: where it happens (``stage``), what it means, how to fix it."""

    code: str
    stage: str  # header, body, encoding, parameters, timestamp, payload, signature, key
    proof: str  # how a finding is proven: "request", "signature", or both
    title: str
    why: str
    fix: str


CODES: tuple[Code, ...] = (
    Code(
        "OK",
        "-",
        "signature + request",
        "Nothing wrong",
        "The signature verifies over the bytes sent and nothing in the request would be refused.",
        "Nothing to fix.",
    ),
    Code(
        "MISSING_API_KEY_HEADER",
        "header",
        "request",
        "No X-MBX-APIKEY header",
        "SIGNED endpoints need the API key in the `X-MBX-APIKEY` header; without it the "
        "server cannot tell whose secret to check (-2014).",
        "Send the header `X-MBX-APIKEY: <your API key>` with every SIGNED request.",
    ),
    Code(
        "API_KEY_HEADER_MALFORMED",
        "header",
        "request",
        "The X-MBX-APIKEY header is malformed",
        "The header is sent twice, or its value has whitespace, quotes or other characters "
        "no API key has (-2014).",
        "Send the header once, the key exactly as Binance showed it (strip what you read).",
    ),
    Code(
        "API_KEY_IN_PAYLOAD",
        "header",
        "request",
        "The API key sent as a parameter",
        "The REST API takes the key only from the `X-MBX-APIKEY` header; as a parameter it "
        "is just noise in the signed payload (the WebSocket API is the one place `apiKey` "
        "is a signed parameter).",
        "Remove the `api_key`/`apiKey` parameter; send the key in the `X-MBX-APIKEY` header.",
    ),
    Code(
        "JSON_BODY",
        "body",
        "request + signature",
        "A JSON body",
        "Binance reads a body only as `application/x-www-form-urlencoded`; in a JSON body "
        "it finds no parameters at all, so no `timestamp` and no `signature` (-1102).",
        "Send the parameters form-encoded (`a=1&b=2`) and sign query string + body.",
    ),
    Code(
        "FORM_CONTENT_TYPE_MISSING",
        "body",
        "request",
        "A form body without its Content-Type",
        "The body looks like a form, but without `Content-Type: "
        "application/x-www-form-urlencoded` the server does not read it (a `str` passed to "
        "`requests`' `data=` sends no Content-Type).",
        "Send `Content-Type: application/x-www-form-urlencoded` with the body.",
    ),
    Code(
        "NON_ASCII_UNENCODED",
        "encoding",
        "request + signature",
        "Signed (or sent) before percent-encoding",
        "Since 2026-01-15 Binance verifies the percent-encoded payload. Non-ASCII text "
        "signed raw while the client encodes it on the way out (or sent raw: -1100) makes "
        "the signed bytes differ from the bytes that arrive.",
        "Percent-encode names and values as UTF-8 *before* signing "
        "(`helpers.params.query_string`), and send exactly that text.",
    ),
    Code(
        "ILLEGAL_CHARACTERS",
        "encoding",
        "request",
        "Illegal characters in the request",
        "A raw space or control byte, a malformed `%` escape, or an escape that decodes to "
        "something that is not UTF-8 text (-1100).",
        "Percent-encode every name and value (`helpers.params.percent_encode`).",
    ),
    Code(
        "HTML_ENTITY_MOJIBAKE",
        "payload",
        "request + signature",
        "`&timestamp` eaten by HTML entity decoding",
        "A web page decoded `&times` into `×` (or `&para` into `¶`, `&not` into `¬`, ...): "
        "text copied from it has lost an `&` and part of a parameter name.",
        "Type the string yourself, or better, build it from parameters; never copy code "
        "from a rendered page without checking the `&`s.",
    ),
    Code(
        "MISSING_TIMESTAMP",
        "timestamp",
        "request",
        "No usable timestamp parameter",
        "SIGNED requests need `timestamp`, in milliseconds, as digits (-1102).",
        "Add `timestamp=<milliseconds since the epoch>` to the parameters you sign.",
    ),
    Code(
        "MISSING_SIGNATURE",
        "signature",
        "request",
        "No signature parameter",
        "The signature travels as the parameter `signature` in the query string or the "
        "form body — not in a header, not in a JSON body (-1102).",
        "Append `&signature=<hex>` to the query string or body you signed.",
    ),
    Code(
        "JSON_ARRAY_ENCODING",
        "parameters",
        "request + signature",
        "A list sent as repeated keys",
        "Binance takes a list parameter (`symbols`, ...) once, as a JSON array; "
        "`requests` turns a Python list into `symbols=A&symbols=B`, a repeated parameter "
        "(-1101).",
        "Send the list as compact JSON text, percent-encoded (`query_string` does), and "
        "sign that same text.",
    ),
    Code(
        "DUPLICATE_PARAMETER",
        "parameters",
        "request",
        "A parameter sent twice",
        "A name appears twice in the query string or twice in the body (-1101).",
        "Send each parameter once.",
    ),
    Code(
        "EMPTY_PARAMETER",
        "parameters",
        "request",
        "A parameter with an empty value",
        "Binance refuses `name=` with nothing after it (-1105).",
        "Leave the parameter out instead of sending it empty.",
    ),
    Code(
        "RECV_WINDOW_INVALID",
        "timestamp",
        "request",
        "recvWindow malformed or over 60000",
        "`recvWindow` is milliseconds with up to three decimals, at most 60000 (-1100, -1102).",
        "Send a `recvWindow` from 1 to 60000, or leave it out (default 5000).",
    ),
    Code(
        "TIMESTAMP_IN_SECONDS",
        "timestamp",
        "request",
        "A timestamp in seconds",
        "Binance wants milliseconds (or microseconds); a seconds value is read as "
        "milliseconds in January 1970, far outside recvWindow (-1021).",
        "`int(time.time() * 1000)` in Python, `Date.now()` in JavaScript, "
        "`(Time.now.to_f * 1000).to_i` in Ruby, `System.currentTimeMillis()` in Java.",
    ),
    Code(
        "TIMESTAMP_OUTSIDE_WINDOW",
        "timestamp",
        "request",
        "Timestamp outside the timing window",
        "The server accepts `timestamp < serverTime + 1000` and `serverTime - timestamp <= "
        "recvWindow` (-1021): your clock is off, or the request waited too long.",
        "Sync your clock (or offset it by `GET /api/v3/time`), take the timestamp just "
        "before sending, and keep recvWindow small.",
    ),
    Code(
        "SIGNATURE_NOT_HEX",
        "signature",
        "request + signature",
        "The HMAC signature is not 64 hex characters",
        "An HMAC signature is the 32 bytes of HMAC-SHA256 written as hex; raw bytes or "
        "base64 are other texts, so they never verify (base64 is for Ed25519 and RSA keys).",
        "`.hexdigest()` in Python, `.digest('hex')` in Node, `HexFormat.of().formatHex(...)` "
        "in Java, `OpenSSL::HMAC.hexdigest` in Ruby.",
    ),
    Code(
        "WRONG_KEY_TYPE",
        "signature",
        "request",
        "A signature of another key type",
        "HMAC signatures are 64 hex characters; Ed25519 and RSA signatures are base64 (of "
        "64 bytes, and of the key size). The signature sent has the other type's shape.",
        "Sign with the key type registered for this API key (`helpers.signing.sign_payload`).",
    ),
    Code(
        "BASE64_SIGNATURE_MANGLED",
        "signature",
        "signature",
        "The base64 signature mangled on the way",
        "An Ed25519/RSA signature is base64, whose `+`, `/` and `=` must be percent-encoded "
        "in the request: a bare `+` arrives as a space; URL-safe base64, a dropped `=` or "
        "a double encoding are other texts.",
        "Standard base64 (`base64.b64encode`), then percent-encode it once "
        "(`helpers.params.percent_encode`).",
    ),
    Code(
        "SPACE_PLUS_VS_PERCENT20",
        "encoding",
        "signature",
        "Space signed as `%20`, sent as `+` (or the other way)",
        "A space may travel as `%20` or `+`, but the signature covers one text; the client "
        "re-encoded it between signing and sending.",
        "Build the bytes once, sign them, send them unchanged.",
    ),
    Code(
        "DOUBLE_ENCODED",
        "encoding",
        "signature",
        "Values percent-encoded twice",
        "The values were encoded once before signing, then the HTTP client encoded the `%` "
        "again as `%25`.",
        "Encode once: send the query string you signed as it is (or let one library do both).",
    ),
    Code(
        "URL_NORMALIZED_AFTER_SIGNING",
        "encoding",
        "signature",
        "The URL re-encoded after signing",
        "The HTTP client normalised the escapes after you signed (`%7E` → `~`, `%2f` → "
        "`%2F`, `(` → `%28`, ...): the server receives other bytes.",
        "Encode with RFC 3986 (`~` stays `~`, hex uppercase) and send the signed URL "
        "unchanged (`helpers.request.send` does).",
    ),
    Code(
        "PARAMS_REORDERED",
        "payload",
        "signature",
        "Parameters reordered between signing and sending",
        "Binance accepts any order but verifies the parameters in the order they arrive.",
        "Sign the parameters in the order you send them: build the string once.",
    ),
    Code(
        "WS_SORTED_PAYLOAD_ON_REST",
        "payload",
        "signature",
        "The WebSocket API's sorted payload used for REST",
        "The WebSocket API signs parameters sorted by name (values raw); REST signs the "
        "query string and body exactly as sent.",
        "For REST, sign the query string + body as sent, unsorted and percent-encoded.",
    ),
    Code(
        "QUERY_BODY_JOINED_WITH_AMPERSAND",
        "payload",
        "signature",
        "Query string and body joined with `&`",
        "The payload is the query string *concatenated* with the body, no separator.",
        "`total_params(query, body)`: `...GTC` + `quantity=1...` gives `...GTCquantity=1...`.",
    ),
    Code(
        "SIGNATURE_IN_PAYLOAD",
        "payload",
        "signature",
        "`signature` included in what was signed",
        "A placeholder `signature=` was in the parameters when they were encoded and "
        "signed; the server removes `signature` before it verifies.",
        "Sign every other parameter; append `signature` last.",
    ),
    Code(
        "TRAILING_NEWLINE",
        "payload",
        "signature",
        "A trailing newline in the signed payload",
        "`echo` without `-n`, or a line read from a file, adds `\\n` to what is signed.",
        "`printf '%s'` or `echo -n` in the shell; never sign text read with its newline.",
    ),
    Code(
        "BOOL_CAPITALIZED",
        "parameters",
        "request + signature",
        "`True` sent where Binance expects `true`",
        "`str(True)` is `True`; Binance's booleans are `true`/`false`. Signed one spelling "
        "and sent the other, the bytes differ.",
        "Write the text the docs show (`'true'`) yourself; `query_string` refuses bools.",
    ),
    Code(
        "FLOAT_EXPONENT",
        "parameters",
        "request",
        "A float formatted as `1e-05`",
        "`str(0.00001)` is `1e-05`; Binance refuses decimals in scientific notation "
        "(-1100), even with a valid signature.",
        "Pass amounts as `str` or `decimal.Decimal` in plain notation (`0.00001`).",
    ),
    Code(
        "SECRET_WHITESPACE",
        "key",
        "signature",
        "Whitespace around the secret",
        "The HMAC key is every byte of the secret: a newline or space read with it makes "
        "another key.",
        "Strip the secret where you read it (`hmac_sha256_hex` refuses one with whitespace).",
    ),
    Code(
        "SECRET_BASE64_DECODED",
        "key",
        "signature",
        "The secret base64-decoded",
        "Binance's secret is used as the text it is (its ASCII bytes), never base64-decoded.",
        "Use the secret's bytes as the key: `secret.encode()`, Ruby's `secret` as is.",
    ),
    Code(
        "API_KEY_AS_SECRET",
        "key",
        "signature",
        "Signed with the API key instead of the secret",
        "The API key travels in the header; the *secret* key is the HMAC key.",
        "Sign with the secret key; send the API key in `X-MBX-APIKEY`.",
    ),
    Code(
        "KEY_MESSAGE_SWAPPED",
        "signature",
        "signature",
        "HMAC key and message swapped",
        "The payload was used as the HMAC key and the secret as the message.",
        "`hmac.new(secret, payload, hashlib.sha256)`: the secret is the key.",
    ),
    Code(
        "SECRET_CONCATENATED",
        "signature",
        "signature",
        "Secret concatenated with the payload and hashed",
        "Hashing (or HMAC-ing) secret + payload is not HMAC(secret, payload): another "
        "construction, and a plain hash of secret + message is open to length extension.",
        "HMAC-SHA256 with the secret as the key and the payload as the message.",
    ),
    Code(
        "WRONG_SECRET_OR_KEY",
        "key",
        "signed_payload",
        "The key differs",
        "What was signed is exactly what was sent, yet the signature does not verify with "
        "the key given: the signature was made with another key (another API key's secret "
        "or private key, a typo, a testnet/live mix-up).",
        "Check which secret the signing code really uses; create a new key pair if in doubt.",
    ),
    Code(
        "UNKNOWN_MISMATCH",
        "signature",
        "signature",
        "The signature does not verify, and no known mistake explains it",
        "No hypothesis reproduces the signature. Either the payload differs in a way the "
        "doctor does not know, or the key differs.",
        "Pass `signed_payload=` (the exact text your code signed) to see the first "
        "differing byte; if it is identical to what was sent, the key differs.",
    ),
)

_CODE = {code.code: code for code in CODES}
_ORDER = {code.code: index for index, code in enumerate(CODES)}


def _codes_table() -> str:
    lines = ["| code | stage | proof | meaning | fix |", "|---|---|---|---|---|"]
    for c in CODES:
        lines.append(f"| `{c.code}` | {c.stage} | {c.proof} | {c.title}: {c.why} | {c.fix} |")
    return "\n".join(lines)


if __doc__ is not None:  # None under `python -OO`
    __doc__ += "\n" + _codes_table() + "\n"


# --- What was sent -----------------------------------------------------------------------


@dataclass(frozen=True)
class Sent:
    """A request as it went on the wire: method, path, raw query, raw body, headers.

    ``headers`` is ``None`` when they are not known (a bare URL, a ``Verdict`` whose key
    check failed); the header checks are then skipped and a note says so. The repr shows
    Binance's documented example key as is and any other key as ``$BINANCE_API_KEY``.
    """

    method: str
    path: str
    query: bytes
    body: bytes = b""
    headers: tuple[tuple[str, str], ...] | None = None
    source: str = "url"

    def header(self, name: str) -> list[str]:
        """Every value of header ``name`` (case-insensitive); ``[]`` if absent or unknown."""
        if self.headers is None:
            return []
        return [value for key, value in self.headers if key.lower() == name.lower()]

    @property
    def content_type(self) -> str | None:
        values = self.header("Content-Type")
        return values[0] if values else None

    @property
    def target(self) -> str:
        """Path and query as on the request line (non-ASCII bytes shown as UTF-8)."""
        query = self.query.decode("utf-8", "backslashreplace")
        return self.path + ("?" + query if query else "")

    def _api_keys(self) -> list[str]:
        return self.header(API_KEY_HEADER)

    def __repr__(self) -> str:
        masker = _Masker(None, self._api_keys())
        lines = [f"  {self.method} {masker.text(self.target)}"]
        if self.headers is None:
            lines.append("  (headers not known)")
        for key, value in self.headers or ():
            lines.append(f"  {key}: {masker.text(value)}")
        if self.body:
            lines.append("  " + masker.text(self.body.decode("utf-8", "backslashreplace")))
        return f"Sent(from {self.source}\n" + "\n".join(lines) + "\n)"


def _split_url(url: str) -> tuple[str, bytes]:
    """(path, raw query bytes) of a URL, an absolute or relative target, or ``$BASE_URL/...``."""
    text = url.strip()
    if "://" in text:
        rest = text.split("://", 1)[1]
        slash = rest.find("/")
        query_mark = rest.find("?")
        if slash == -1 or (query_mark != -1 and query_mark < slash):
            text = "/" + (rest[query_mark:] if query_mark != -1 else "")
        else:
            text = rest[slash:]
    elif text.startswith("$"):  # a shell variable such as $BASE_URL, as SignedRequest.curl writes
        slash = text.find("/")
        text = text[slash:] if slash != -1 else "/"
    text = text.split("#", 1)[0]  # a fragment never leaves the client
    path, _, query = text.partition("?")
    return path or "/", query.encode("utf-8")


def _as_body(body: object) -> bytes:
    if body is None:
        return b""
    if isinstance(body, str):
        return body.encode("utf-8")
    if isinstance(body, (bytes, bytearray)):
        return bytes(body)
    raise TypeError(f"body: expected str or bytes, got {type(body).__name__}")


def _as_headers(headers: object) -> tuple[tuple[str, str], ...] | None:
    if headers is None:
        return None
    items = headers.items() if hasattr(headers, "items") else headers
    out = []
    for item in items:
        if not isinstance(item, (tuple, list)) or len(item) != 2:
            raise TypeError(f"headers: expected a mapping or (name, value) pairs, got {item!r}")
        name, value = item
        if isinstance(name, bytes):
            name = name.decode("latin-1")
        if isinstance(value, bytes):
            value = value.decode("latin-1")
        out.append((str(name), str(value)))
    return tuple(out)


def _from_url(
    url: str, *, body: object = None, headers: object = None, method: str | None = None
) -> Sent:
    path, query = _split_url(url)
    data = _as_body(body)
    verb = (method or ("POST" if data else "GET")).upper()
    return Sent(verb, path, query, data, _as_headers(headers), "url")


# curl options this reader understands. Options that take a value and do not change the
# request's bytes are skipped with their value; flags without a value likewise.
_CURL_SKIP_WITH_VALUE = {
    "-A",
    "--user-agent",
    "-e",
    "--referer",
    "-o",
    "--output",
    "-w",
    "--write-out",
    "-m",
    "--max-time",
    "--connect-timeout",
    "-x",
    "--proxy",
    "-b",
    "--cookie",
    "--retry",
    "--cacert",
    "--resolve",
}
_CURL_FLAGS = {
    "-s",
    "--silent",
    "-S",
    "--show-error",
    "-v",
    "--verbose",
    "-i",
    "--include",
    "-k",
    "--insecure",
    "-L",
    "--location",
    "-f",
    "--fail",
    "-g",
    "--globoff",
    "--compressed",
    "-#",
    "--progress-bar",
    "--http1.1",
    "--http2",
    "-N",
    "--no-buffer",
}
_CURL_DATA = {"-d", "--data", "--data-ascii", "--data-raw", "--data-binary"}


def parse_curl(command: str) -> Sent:
    """Read a ``curl`` command line: method, URL, ``-H`` headers, ``-d`` body, ``-G``.

    ``-d``/``--data*`` parts are joined with ``&`` and sent as a form body (curl's own
    ``Content-Type: application/x-www-form-urlencoded``) unless ``-G`` moves them to the
    query string; ``--data-urlencode`` encodes its value; ``--json`` sends a JSON body.
    A URL starting with a shell variable (``"$BASE_URL/api/v3/..."``) is fine.
    """
    text = command.strip().replace("\\\r\n", " ").replace("\\\n", " ")
    text = text.removeprefix("$ ")
    try:
        words = shlex.split(text)
    except ValueError as exc:
        raise ValueError(f"curl command: cannot split it into words ({exc})") from None
    if not words or words[0] != "curl":
        raise ValueError("curl command: expected it to start with 'curl'")
    method = None
    url = None
    headers: list[tuple[str, str]] = []
    data: list[str] = []
    json_body = False
    get = False
    i = 1

    def value_of(option: str) -> str:
        nonlocal i
        if i + 1 >= len(words):
            raise ValueError(f"curl command: {option} needs a value")
        i += 1
        return words[i]

    while i < len(words):
        word = words[i]
        if word in ("-X", "--request"):
            method = value_of(word)
        elif word.startswith("-X") and len(word) > 2:
            method = word[2:]
        elif word in ("-H", "--header"):
            headers.append(_header_line(value_of(word)))
        elif word.startswith("-H") and len(word) > 2:
            headers.append(_header_line(word[2:]))
        elif word in _CURL_DATA:
            value = value_of(word)
            if value.startswith("@") and word != "--data-raw":
                raise ValueError(f"curl command: {word} {value} reads a file; paste its text")
            data.append(value)
        elif word.startswith("-d") and len(word) > 2:
            data.append(word[2:])
        elif word == "--data-urlencode":
            data.append(_curl_urlencode(value_of(word)))
        elif word == "--json":
            data.append(value_of(word))
            json_body = True
        elif word in ("-G", "--get"):
            get = True
        elif word == "--url":
            url = value_of(word)
        elif word in _CURL_SKIP_WITH_VALUE:
            value_of(word)
        elif word in _CURL_FLAGS:
            pass
        elif re.fullmatch(r"-[sSvikLfgN#]+", word):
            pass  # combined short flags such as -sS
        elif word.startswith("-"):
            raise ValueError(f"curl command: the option {word} is not understood here")
        else:
            if url is not None:
                raise ValueError("curl command: more than one URL")
            url = word
        i += 1
    if url is None:
        raise ValueError("curl command: no URL found")
    path, query = _split_url(url)
    body = b""
    if data:
        joined = "&".join(data)
        if get:
            query = query + (b"&" if query else b"") + joined.encode("utf-8")
        else:
            body = joined.encode("utf-8")
            names = {name.lower() for name, _ in headers}
            if "content-type" not in names:
                kind = "application/json" if json_body else FORM_CONTENT_TYPE
                headers.append(("Content-Type", kind))
    verb = (method or ("GET" if get or not body else "POST")).upper()
    return Sent(verb, path, query, body, tuple(headers), "curl")


def _header_line(line: str) -> tuple[str, str]:
    name, colon, value = line.partition(":")
    if not colon:
        raise ValueError(f"curl command: the header {line!r} has no ':'")
    return name.strip(), value.lstrip(" \t")


def _curl_urlencode(value: str) -> str:
    """curl's ``--data-urlencode``: ``name=content`` → ``name=`` + encoded content."""
    name, eq, content = value.partition("=")
    if not eq:
        return urllib.parse.quote(value, safe="")
    encoded = urllib.parse.quote(content, safe="")
    return f"{name}={encoded}" if name else encoded


# The target may hold raw spaces in a pasted request (a server would refuse it; the doctor
# reads it, to say so).
_REQUEST_LINE = re.compile(rb"^([A-Z]+) (\S.*?) HTTP/\d(?:\.\d)?\r?$")


def parse_http(raw: str | bytes) -> Sent:
    """Read a raw HTTP/1.x request: request line, headers, blank line, body.

    Line ends may be CRLF or LF. With a ``Content-Length`` header, the body is cut to it.
    """
    data = raw.encode("utf-8") if isinstance(raw, str) else bytes(raw)
    data = data.lstrip(b"\r\n")
    head, sep, body = data.partition(b"\r\n\r\n")
    if not sep:
        head, sep, body = data.partition(b"\n\n")
    lines = head.replace(b"\r\n", b"\n").split(b"\n")
    match = _REQUEST_LINE.match(lines[0])
    if match is None:
        raise ValueError("raw HTTP request: the first line is not 'METHOD target HTTP/1.1'")
    headers = []
    for line in lines[1:]:
        if not line.strip():
            continue
        name, colon, value = line.decode("latin-1").partition(":")
        if not colon:
            raise ValueError(f"raw HTTP request: the header line {line[:40]!r} has no ':'")
        headers.append((name.strip(), value.strip()))
    lengths = [v for k, v in headers if k.lower() == "content-length"]
    if lengths and lengths[0].isdigit() and len(body) > int(lengths[0]):
        body = body[: int(lengths[0])]
    path, query = _split_url(match[2].decode("utf-8", "surrogateescape"))
    return Sent(match[1].decode("ascii"), path, query, body, tuple(headers), "http")


def as_sent(
    sent: object, *, body: object = None, headers: object = None, method: str | None = None
) -> Sent:
    """Turn any accepted form of a request into a ``Sent`` (see the module docstring)."""
    from helpers.request import SignedRequest

    if isinstance(sent, Sent):
        return sent
    if isinstance(sent, SignedRequest):
        return Sent(
            sent.method, sent.path, sent.sent_query.encode("utf-8"),
            sent.sent_body.encode("utf-8"), _as_headers(sent.headers), "SignedRequest",
        )  # fmt: skip
    if isinstance(sent, Verdict):
        return _from_verdict(sent, headers)
    if isinstance(sent, bytes):
        return parse_http(sent)
    if isinstance(sent, str):
        stripped = sent.strip().removeprefix("$ ")
        if stripped.startswith("curl ") or stripped.startswith("curl\n"):
            return parse_curl(stripped)
        if _REQUEST_LINE.match(stripped.split("\n", 1)[0].encode("utf-8", "replace")):
            return parse_http(stripped)
        return _from_url(stripped, body=body, headers=headers, method=method)
    if hasattr(sent, "status_code") and hasattr(sent, "request"):  # a requests.Response
        return as_sent(sent.request)
    if all(hasattr(sent, name) for name in ("method", "url", "headers", "body")):
        path, query = _split_url(sent.url)  # a requests.PreparedRequest
        return Sent(
            str(sent.method).upper(), path, query, _as_body(sent.body),
            _as_headers(sent.headers), "PreparedRequest",
        )  # fmt: skip
    raise TypeError(
        "sent: expected a URL, a curl command line, a raw HTTP request, a SignedRequest, a "
        f"requests.PreparedRequest or Response, a Verdict or a Sent; got {type(sent).__name__}"
    )


def _from_verdict(verdict: Verdict, headers: object) -> Sent:
    """What the local exchange received. It records no header values, so unless ``headers``
    are given, the API-key header is known to have been present only if the key check
    passed (``key_kind`` set)."""
    path, query = verdict.path, verdict.query.encode("latin-1")
    known = _as_headers(headers)
    if known is None and verdict.key_kind is not None:
        known = ((API_KEY_HEADER, "(sent; accepted by the exchange)"),)
        if verdict.content_type is not None:
            known += (("Content-Type", verdict.content_type),)
    return Sent(verdict.method, path, query, verdict.body, known, "Verdict")


# --- Masking: the secret and a real API key never reach an output -----------------------


class _Masker:
    def __init__(self, secret: bytes | None, api_keys: list[str]) -> None:
        self._pairs: list[tuple[str, str]] = []
        if secret:
            core = secret.strip().decode("utf-8", "replace")
            if len(core) >= 8:
                self._pairs.append((core, SECRET_MASK))
        for key in api_keys:
            key = key.strip()
            if len(key) >= 8 and key != EXAMPLE_API_KEY and not key.startswith("$"):
                self._pairs.append((key, API_KEY_MASK))

    def text(self, text: str) -> str:
        for secret, mask in self._pairs:
            text = text.replace(secret, mask)
        return text

    def data(self, data: bytes) -> bytes:
        for secret, mask in self._pairs:
            data = data.replace(secret.encode("utf-8"), mask.encode("utf-8"))
        return data


# --- The verdict of the doctor --------------------------------------------------------------


@dataclass(frozen=True)
class Finding:
    """One proven finding: its stable ``code``, what happened in this request
    (``explanation``), how it is proven (``proof``), and the ``fix``. ``comparison`` is
    the payload the mistake would have signed next to the payload sent, when that is the
    proof; ``alternatives`` are codes of other mistakes that yield the very same bytes (the
    proof cannot tell them apart, and the explanation says so)."""

    code: str
    title: str
    explanation: str
    proof: str
    fix: str
    comparison: Comparison | None = field(default=None, compare=False)
    alternatives: tuple[str, ...] = ()  # codes whose mistake yields the very same bytes

    @property
    def stage(self) -> str:
        return _CODE[self.code].stage


@dataclass(frozen=True)
class Diagnosis:
    """The doctor's answer: ``ok``, the ``findings`` (each with code, explanation, proof,
    fix), and what was checked. Renders as text in a terminal and as HTML in a notebook.

    ``signature_check`` says what the signature check found: ``"verified"``, ``"failed"``,
    or why it was not run. ``tried`` lists, when the signature failed, how many rebuilt
    payloads and keys each hypothesis tried. Nothing here holds the secret.
    """

    request: str
    payload: str
    payload_length: int
    signature: str | None
    scheme: str
    signature_check: str
    findings: tuple[Finding, ...]
    notes: tuple[str, ...] = ()
    tried: tuple[tuple[str, int], ...] = ()
    comparison: Comparison | None = field(default=None, compare=False)

    @property
    def ok(self) -> bool:
        """True when nothing was found: the signature verifies (if a key was given) and
        nothing in the request would be refused."""
        return not self.findings

    @property
    def codes(self) -> tuple[str, ...]:
        """The findings' codes, in the order the server checks; ``("OK",)`` when none."""
        return tuple(f.code for f in self.findings) or ("OK",)

    def _headline(self) -> str:
        if self.ok:
            if self.signature_check == "verified":
                return "OK: the signature verifies and nothing in the request would be refused"
            return f"OK as far as checked: nothing refused; signature {self.signature_check}"
        count = len(self.findings)
        return f"{count} finding{'s' if count > 1 else ''}: " + ", ".join(self.codes)

    def _rows(self) -> list[tuple[str, str]]:
        signature = self.signature if self.signature is not None else "(none)"
        check = {
            "verified": f"verifies ({self.scheme} over the payload as sent)",
            "failed": f"does not verify ({self.scheme} over the payload as sent)",
        }.get(self.signature_check, self.signature_check)
        return [
            ("request", self.request),
            (
                "payload",
                f"{self.payload or '(empty)'}  ({self.payload_length} bytes, as the "
                "server reads it)",
            ),
            ("signature", f"{signature} — {check}"),
        ]

    def _unexplained(self) -> bool:
        unexplained = {"UNKNOWN_MISMATCH", "WRONG_SECRET_OR_KEY"} & set(self.codes)
        return bool(self.tried and unexplained)

    def _tried_text(self) -> str:
        return ", ".join(f"{code} ({n})" for code, n in self.tried)

    def __repr__(self) -> str:
        lines = [f"Diagnosis — {self._headline()}"]
        width = max(len(label) for label, _ in self._rows())
        lines += [f"  {label:<{width}}  {value}" for label, value in self._rows()]
        if self.comparison is not None:
            lines.append("  what you signed vs what was sent:")
            lines += ["    " + line for line in repr(self.comparison).splitlines()]
        for number, f in enumerate(self.findings, 1):
            lines.append(f"{number}. [{f.code}] {f.title}")
            lines.append(f"   what happened: {f.explanation}")
            lines.append(f"   proof: {f.proof}")
            if f.comparison is not None:
                lines += ["     " + line for line in repr(f.comparison).splitlines()]
            lines.append(f"   fix: {f.fix}")
        if self._unexplained():
            lines.append(f"hypotheses tried: {self._tried_text()}")
        if self.notes:
            lines.append("notes:")
            lines += [f"  - {note}" for note in self.notes]
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        colour = "#1a7f37" if self.ok else "#cf222e"
        out = [f"<p><b style='color:{colour}'>Diagnosis — {_inline(self._headline())}</b></p>"]
        rows = "".join(
            f"<tr><th style='text-align:left'>{html.escape(label)}</th>"
            f"<td style='text-align:left'><code>{html.escape(value)}</code></td></tr>"
            for label, value in self._rows()
        )
        out.append(f"<table>{rows}</table>")
        if self.comparison is not None:
            out.append("<p>What you signed vs what was sent:</p>")
            out.append(self.comparison._repr_html_())
        if self.findings:
            items = []
            for f in self.findings:
                item = (
                    f"<li><b><code>{f.code}</code></b> {_inline(f.title)}"
                    f"<br>What happened: {_inline(f.explanation)}"
                    f"<br>Proof: {_inline(f.proof)}"
                )
                if f.comparison is not None:
                    item += f.comparison._repr_html_()
                item += f"<br>Fix: {_inline(f.fix)}</li>"
                items.append(item)
            out.append("<ol>" + "".join(items) + "</ol>")
        if self._unexplained():
            out.append(f"<p>Hypotheses tried: {html.escape(self._tried_text())}</p>")
        if self.notes:
            out.append("<p>Notes:</p><ul>")
            out += [f"<li>{_inline(note)}</li>" for note in self.notes]
            out.append("</ul>")
        return "\n".join(out)


def _inline(text: str) -> str:
    """Markdown-ish `code` spans to HTML, everything else escaped."""
    parts = html.escape(text).split("`")
    return "".join(f"<code>{p}</code>" if i % 2 else p for i, p in enumerate(parts))


# --- Reading the request as the server does ------------------------------------------------


@dataclass(frozen=True)
class _Seg:
    """One ``name=value`` segment of a part, raw, and decoded when it decodes."""

    raw: bytes
    name: str | None
    value: str | None

    @property
    def is_signature(self) -> bool:
        return self.name == "signature"


def _segments(raw: bytes) -> list[_Seg]:
    segs = []
    for piece in raw.split(b"&") if raw else []:
        raw_name, _, raw_value = piece.partition(b"=")
        try:
            name, value = form_decode(raw_name), form_decode(raw_value)
        except ValueError:
            name = value = None
        segs.append(_Seg(piece, name, value))
    return segs


@dataclass
class _View:
    """The request as the exchange reads it (``helpers.exchange``'s rules)."""

    sent: Sent
    query: list[_Seg]
    body: list[_Seg]
    body_status: str  # "form", "none", "json", "get", "not-form"
    json_data: object
    payload: bytes
    signatures: tuple[str, ...]
    params: dict[str, str]
    problems: list[str]

    @property
    def pairs(self) -> list[_Seg]:
        return [s for s in self.query + self.body if not s.is_signature]


def _looks_like_json(body: bytes) -> object:
    text = body.strip()
    if text[:1] not in (b"{", b"["):
        return None
    try:
        return json.loads(text.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return None


def _read(sent: Sent) -> _View:
    body = sent.body
    content_type = sent.content_type
    is_form = (
        content_type is not None
        and content_type.split(";", 1)[0].strip().lower() == FORM_CONTENT_TYPE
    )
    json_data = _looks_like_json(body) if body else None
    if not body:
        status, read = "none", b""
    elif sent.method == "GET":
        status, read = "get", b""
    elif is_form:
        status, read = "form", body
    elif json_data is not None or (content_type or "").lower().startswith("application/json"):
        status, read = "json", b""
    else:
        status, read = "not-form", b""
    query_part, body_part = parse_part("query", sent.query), parse_part("body", read)
    params: dict[str, str] = {}
    for part in (body_part, query_part):  # the query string's value wins
        seen = {}
        for name, value in part.pairs:
            seen.setdefault(name, value)
        params.update(seen)
    problems = [p.problem for p in (query_part, body_part) if p.problem]
    return _View(
        sent=sent,
        query=_segments(sent.query),
        body=_segments(read),
        body_status=status,
        json_data=json_data,
        payload=query_part.payload + body_part.payload,
        signatures=query_part.signatures + body_part.signatures,
        params=params,
        problems=problems,
    )


# --- Collecting findings -------------------------------------------------------------------


class _Findings:
    def __init__(self, masker: _Masker) -> None:
        self.masker = masker
        self.items: dict[str, Finding] = {}

    def add(
        self,
        code: str,
        explanation: str,
        proof: str,
        comparison: tuple[bytes, bytes] | None = None,
        *,
        replace: bool = False,
        alternatives: tuple[str, ...] = (),
    ) -> None:
        meta = _CODE[code]
        shown = None
        if comparison is not None:
            signed, sent = comparison
            shown = compare(self.masker.data(signed), self.masker.data(sent), ("signed", "sent"))
        old = self.items.get(code)
        if old is not None and not replace:
            if old.proof == self.masker.text(proof):
                return
            # Proven twice (the request shows it, and the signature too): keep both proofs.
            explanation = f"{old.explanation} {explanation}"
            proof = f"{old.proof}; and {proof}"
            shown = shown or old.comparison
            alternatives = alternatives or old.alternatives
        self.items[code] = Finding(
            code, meta.title, self.masker.text(explanation), self.masker.text(proof),
            meta.fix, shown, alternatives,
        )  # fmt: skip

    def ordered(self) -> tuple[Finding, ...]:
        return tuple(sorted(self.items.values(), key=lambda f: _ORDER[f.code]))


REQUEST_SHOWS = "the request shows it"

# Parameters whose values Binance reads as decimals (the exchange checks the first four).
DECIMAL_PARAMS = {
    "quantity", "quoteOrderQty", "price", "stopPrice", "icebergQty", "stopLimitPrice",
    "limitIcebergQty", "stopIcebergQty", "limitPrice", "aboveStopPrice", "belowStopPrice",
    "abovePrice", "belowPrice", "pendingQuantity", "pendingPrice", "pendingStopPrice",
}  # fmt: skip
# Boolean parameters of the Spot API (documented as `true`/`false`).
BOOLEAN_PARAMS = {"computeCommissionRates", "omitZeroBalances", "useServerTime"}
API_KEY_PARAMS = {"apikey", "api_key", "api-key", "x-mbx-apikey"}
# Parameter names an HTML entity could eat the start of (`&times`tamp, `&para`m, ...).
KNOWN_PARAMS = {
    "symbol", "symbols", "side", "type", "timeInForce", "quantity", "quoteOrderQty",
    "price", "newClientOrderId", "stopPrice", "trailingDelta", "icebergQty",
    "newOrderRespType", "selfTradePreventionMode", "recvWindow", "timestamp", "signature",
    "orderId", "origClientOrderId", "startTime", "endTime", "fromId", "limit",
    "computeCommissionRates", "omitZeroBalances", "orderListId", "listClientOrderId",
    "permissions", "notional", "apiKey", "api_key", "cancelRestrictions", "strategyId",
    "strategyType", "pegPriceType", "pegOffsetValue", "pegOffsetType",
}  # fmt: skip
_FLOAT_EXPONENT = re.compile(r"[-+]?[0-9]+(\.[0-9]*)?[eE][-+]?[0-9]+")
_HEX64 = re.compile(r"[0-9a-fA-F]{64}")
_SHELL_VARIABLE = re.compile(r"\$\{?[A-Za-z_][A-Za-z0-9_]*\}?")

# The HTML entities a browser decodes even without the `;` (HTML5's legacy list):
# `&times` → `×`. Maps each decoded text to the entity names that produce it.
_LEGACY_ENTITIES: dict[str, list[str]] = {}
for _name, _text in html.entities.html5.items():
    if not _name.endswith(";"):
        _LEGACY_ENTITIES.setdefault(_text, []).append(_name)


def _mojibake_in(text: str) -> tuple[str, str, str] | None:
    """A place in ``text`` where an entity ate the start of a parameter name:
    ``('×tamp=', '&timestamp=', '&times')``, or ``None``."""
    for decoded, names in _LEGACY_ENTITIES.items():
        start = text.find(decoded)
        while start != -1:
            rest = text[start + len(decoded) :]
            match = re.match(r"([A-Za-z]*)=", rest)
            if match:
                for name in names:
                    restored = name + match[1]
                    if restored in KNOWN_PARAMS:
                        return decoded + match[0], "&" + restored + "=", "&" + name
            start = text.find(decoded, start + 1)
    return None


def _check_request(view: _View, server_time: int | None, found: _Findings) -> list[str]:
    """Step 2: what the request itself shows. Returns notes."""
    sent, notes = view.sent, []
    # The API key header (REST API, Endpoint security type).
    if sent.headers is None:
        notes.append(
            "the request's headers are not known, so the X-MBX-APIKEY header was not checked"
        )
    else:
        keys = sent.header(API_KEY_HEADER)
        if not keys or keys == [""]:
            found.add(
                "MISSING_API_KEY_HEADER",
                "The request has no `X-MBX-APIKEY` header"
                + (" (it has an empty one)" if keys else "")
                + ": the server cannot tell whose key signed it.",
                f"{REQUEST_SHOWS}: no `X-MBX-APIKEY` among the headers sent.",
            )
        elif len(keys) > 1:
            found.add(
                "API_KEY_HEADER_MALFORMED",
                f"The `X-MBX-APIKEY` header is sent {len(keys)} times.",
                f"{REQUEST_SHOWS}: the header appears {len(keys)} times.",
            )
        elif _SHELL_VARIABLE.fullmatch(keys[0].strip()):
            notes.append(f"the X-MBX-APIKEY header holds the shell variable {keys[0].strip()}")
        elif keys[0].startswith("(sent;"):
            pass  # from a Verdict: the exchange accepted the header
        elif not API_KEY_FORMAT.fullmatch(keys[0]):
            bad = next((c for c in keys[0] if not (c.isascii() and c.isalnum())), None)
            found.add(
                "API_KEY_HEADER_MALFORMED",
                f"The `X-MBX-APIKEY` value has {len(keys[0])} characters"
                + (f", including {bad!r}" if bad is not None else "")
                + "; an API key is letters and digits only (whitespace or quotes from "
                "copy-paste?).",
                f"{REQUEST_SHOWS}: the header's value is not an API key's format.",
            )
    for seg in view.pairs:
        if seg.name is not None and seg.name.lower() in API_KEY_PARAMS:
            found.add(
                "API_KEY_IN_PAYLOAD",
                f"The API key is sent as the parameter `{seg.name}`, inside the signed payload.",
                f"{REQUEST_SHOWS}: a parameter named `{seg.name}`.",
            )
    # The body.
    if view.body_status == "json":
        inside = view.json_data if isinstance(view.json_data, dict) else {}
        has = [name for name in ("timestamp", "signature") if name in inside]
        found.add(
            "JSON_BODY",
            "The body is JSON"
            + (f" (with {' and '.join(f'`{n}`' for n in has)} inside it)" if has else "")
            + ": the server reads no parameters from it.",
            f"{REQUEST_SHOWS}: Content-Type `{sent.content_type or '(none)'}` and a JSON body.",
        )
    elif view.body_status == "form" and isinstance(view.json_data, (dict, list)):
        found.add(
            "JSON_BODY",
            "The body is JSON sent as a form: the server reads the whole JSON text as one odd "
            "parameter, and none of the fields inside it.",
            f"{REQUEST_SHOWS}: a JSON body under Content-Type `{sent.content_type}`.",
        )
    elif view.body_status == "not-form":
        found.add(
            "FORM_CONTENT_TYPE_MISSING",
            "The body is sent with "
            + (f"Content-Type `{sent.content_type}`" if sent.content_type else "no Content-Type")
            + ", so the server ignores it: its parameters, and any signature in it, never "
            "arrive.",
            f"{REQUEST_SHOWS}: a body without `Content-Type: {FORM_CONTENT_TYPE}`.",
        )
    elif view.body_status == "get":
        notes.append("the body of a GET request is ignored: GET parameters go in the query")
    # Syntax (-1100).
    raw_parts = [("query", sent.query)]
    if view.body_status == "form":
        raw_parts.append(("body", sent.body))
    for label, raw in raw_parts:
        non_ascii = [b for b in raw if b >= 0x80]
        if non_ascii:
            found.add(
                "NON_ASCII_UNENCODED",
                f"The {label} carries raw non-ASCII bytes "
                f"(`{raw.decode('utf-8', 'backslashreplace')[:60]}`): it was never "
                "percent-encoded, and Binance refuses it (-1100).",
                f"{REQUEST_SHOWS}: bytes above 0x7F in the raw {label}.",
            )
        other = [b for b in raw if b < 0x21 or b == 0x7F]
        if other:
            found.add(
                "ILLEGAL_CHARACTERS",
                f"The raw {label} contains the byte 0x{other[0]:02X} (a space or control "
                "character): percent-encode it.",
                f"{REQUEST_SHOWS}: that byte in the raw {label}.",
            )
    for problem in view.problems:
        if "byte 0x" not in problem:  # raw bytes are reported above
            found.add(
                "ILLEGAL_CHARACTERS",
                f"The server cannot read a parameter: {problem}.",
                f"{REQUEST_SHOWS}: {problem}.",
            )
    present = {seg.name for seg in view.pairs}
    for seg in view.pairs:
        for text in (seg.name or "", seg.value or ""):
            hit = _mojibake_in(text)
            # Evidence only where the parameter it would restore is indeed missing.
            if hit and hit[1][1:-1] not in present:
                found.add(
                    "HTML_ENTITY_MOJIBAKE",
                    f"The request contains `{hit[0]}`: that is `{hit[1]}` after an HTML "
                    f"page decoded `{hit[2]}` as the entity for `{hit[0][0]}`. The parameter "
                    f"`{hit[1][1:-1]}` is gone, swallowed by `{seg.name}`.",
                    f"{REQUEST_SHOWS}: `{hit[0]}` is exactly what HTML entity decoding makes "
                    f"of `{hit[1]}`, and no `{hit[1][1:-1]}` parameter is sent.",
                )
    # Mandatory timestamp and signature (-1102), unless the JSON body already says why.
    in_ignored_body = view.body_status in ("json", "not-form", "get")
    timestamp = view.params.get("timestamp")
    if timestamp is None:
        if not in_ignored_body or "timestamp" not in view.sent.body.decode("utf-8", "replace"):
            found.add(
                "MISSING_TIMESTAMP",
                "No `timestamp` parameter arrives at the server.",
                f"{REQUEST_SHOWS}: no parameter named `timestamp` in the query string"
                + (" or the form body." if view.body_status == "form" else "."),
            )
    elif not TIMESTAMP_FORMAT.fullmatch(timestamp):
        found.add(
            "MISSING_TIMESTAMP",
            f"`timestamp` is {timestamp[:40]!r}, not 1 to 20 digits.",
            f"{REQUEST_SHOWS}: the value of `timestamp`.",
        )
    if not view.signatures or not view.signatures[0]:
        elsewhere = [name for name, _ in (sent.headers or ()) if "signature" in name.lower()]
        if not in_ignored_body or "signature" not in view.sent.body.decode("utf-8", "replace"):
            found.add(
                "MISSING_SIGNATURE",
                ("The `signature` parameter is empty." if view.signatures else
                 "No `signature` parameter arrives at the server.")
                + (f" A header `{elsewhere[0]}` is sent, but the server reads the signature "
                   "only from the parameters." if elsewhere else ""),
                f"{REQUEST_SHOWS}: "
                + ("`signature=` with no value." if view.signatures else
                   "no parameter named `signature`."),
            )  # fmt: skip
    # Duplicates (-1101) and empty values (-1105).
    for label, segs in (("query string", view.query), ("body", view.body)):
        groups: dict[str, list[str]] = {}
        for seg in segs:
            if seg.name is not None and not seg.is_signature:
                groups.setdefault(seg.name, []).append(seg.value or "")
        for name, values in groups.items():
            if len(values) > 1 and len(set(values)) > 1:
                found.add(
                    "JSON_ARRAY_ENCODING",
                    f"`{name}` is sent {len(values)} times in the {label} "
                    f"({', '.join(values[:4])}): a list sent as repeated keys.",
                    f"{REQUEST_SHOWS}: {len(values)} different values under one name.",
                )
            elif len(values) > 1:
                found.add(
                    "DUPLICATE_PARAMETER",
                    f"`{name}` is sent {len(values)} times in the {label}.",
                    f"{REQUEST_SHOWS}: the name repeats.",
                )
        for seg in segs:
            if seg.name and seg.value == "" and seg.name not in ("timestamp", "signature"):
                found.add(
                    "EMPTY_PARAMETER",
                    f"`{seg.name}` is sent with an empty value in the {label}.",
                    f"{REQUEST_SHOWS}: `{seg.name}=` with nothing after it.",
                )
    if len(view.signatures) > 1:
        found.add(
            "DUPLICATE_PARAMETER",
            f"`signature` is sent {len(view.signatures)} times.",
            f"{REQUEST_SHOWS}: the name repeats.",
        )
    # recvWindow and timing (-1021).
    window_us = DEFAULT_RECV_WINDOW_MS * 1000
    recv_window = view.params.get("recvWindow")
    if recv_window is not None:
        match = RECV_WINDOW_FORMAT.fullmatch(recv_window)
        if match is None:
            found.add(
                "RECV_WINDOW_INVALID",
                f"`recvWindow` is {recv_window[:40]!r}: not milliseconds with up to three "
                "decimals.",
                f"{REQUEST_SHOWS}: the value of `recvWindow`.",
            )
        else:
            window_us = int(match[1]) * 1000 + int((match[2] or "").ljust(3, "0"))
            if window_us > MAX_RECV_WINDOW_MS * 1000:
                found.add(
                    "RECV_WINDOW_INVALID",
                    f"`recvWindow` is {recv_window} ms, over the {MAX_RECV_WINDOW_MS} ms maximum.",
                    f"{REQUEST_SHOWS}: the value of `recvWindow`.",
                )
    if timestamp is not None and TIMESTAMP_FORMAT.fullmatch(timestamp):
        value = int(timestamp)
        if value < 10**11:  # a millisecond timestamp has 12 digits from March 1973 on
            found.add(
                "TIMESTAMP_IN_SECONDS",
                f"`timestamp` is {timestamp}: {len(timestamp)} digits, seconds since the "
                "epoch. In milliseconds it would be about "
                f"{value * 1000} — the server reads {timestamp} as a moment in 1970.",
                f"{REQUEST_SHOWS}: a millisecond timestamp after 1973 has at least 12 digits.",
            )
        elif server_time is not None:
            micro = value >= MICROSECOND_TIMESTAMP_MIN
            stamp_us = value if micro else value * 1000
            server_us = server_time * 1000
            if stamp_us >= server_us + AHEAD_LIMIT_MS * 1000:
                found.add(
                    "TIMESTAMP_OUTSIDE_WINDOW",
                    f"`timestamp` {timestamp} is {_ms(stamp_us - server_us)} ms ahead of the "
                    f"server time {server_time}; it must be less than {AHEAD_LIMIT_MS} ms "
                    "ahead (your clock runs fast?).",
                    f"{REQUEST_SHOWS}, with the server time given: `timestamp < serverTime + "
                    f"{AHEAD_LIMIT_MS}` fails.",
                )
            elif server_us - stamp_us > window_us:
                found.add(
                    "TIMESTAMP_OUTSIDE_WINDOW",
                    f"`timestamp` {timestamp} is {_ms(server_us - stamp_us)} ms behind the "
                    f"server time {server_time}; recvWindow allows {_ms(window_us)} ms (your "
                    "clock runs slow, or the request waited?).",
                    f"{REQUEST_SHOWS}, with the server time given: `serverTime - timestamp <= "
                    "recvWindow` fails.",
                )
        else:
            notes.append("no server_time given, so the timing rule (-1021) was not checked")
    # Values (the endpoint's checks).
    for seg in view.pairs:
        if seg.name in DECIMAL_PARAMS and seg.value and _FLOAT_EXPONENT.fullmatch(seg.value):
            found.add(
                "FLOAT_EXPONENT",
                f"`{seg.name}` is `{seg.value}`: a float printed in scientific notation "
                f"(plain: `{_plain(seg.value)}`).",
                f"{REQUEST_SHOWS}: the value of `{seg.name}`.",
            )
        if seg.name in BOOLEAN_PARAMS and seg.value in ("True", "False"):
            found.add(
                "BOOL_CAPITALIZED",
                f"`{seg.name}` is `{seg.value}`; Binance's booleans are `{seg.value.lower()}`.",
                f"{REQUEST_SHOWS}: the value of `{seg.name}`.",
            )
    return notes


def _ms(micros: int) -> str:
    whole, frac = divmod(micros, 1000)
    return f"{whole}" if not frac else f"{whole}.{frac:03d}".rstrip("0")


def _plain(text: str) -> str:
    from decimal import Decimal, InvalidOperation

    try:
        return format(Decimal(text), "f")
    except InvalidOperation:
        return text


# --- Hypotheses: rebuild the payload the way each mistake would -------------------------


@dataclass(frozen=True)
class _Candidate:
    codes: tuple[str, ...]
    how: str
    payload: bytes


def _join(query: list[bytes], body: list[bytes]) -> bytes:
    return b"&".join(query) + b"&".join(body)


def _string_transforms(payload: bytes) -> Iterator[tuple[str, str, bytes]]:
    """Mistakes that change the payload's text: (code, how, what would have been signed)."""
    text = payload.decode("utf-8", "surrogateescape")
    unescaped = html.unescape(text)
    if unescaped != text:
        entities = re.finditer(r"&[A-Za-z][A-Za-z0-9]*;?", text)
        changed = [m[0] for m in entities if html.unescape(m[0]) != m[0]]
        first = changed[0] if changed else "&"
        yield (
            "HTML_ENTITY_MOJIBAKE",
            f"with `{first}` read as an HTML entity (`{first}` → `{html.unescape(first)}`)",
            unescaped.encode("utf-8", "surrogateescape"),
        )
    double = re.sub(rb"%25([0-9A-Fa-f]{2})", rb"%\1", payload)
    if double != payload:  # before the raw text: decoding `%252F` once gives `%2F` too
        yield "DOUBLE_ENCODED", "with each value encoded once (`%25XX` → `%XX`)", double
    for plus_is_space in (True, False):
        raw = payload.replace(b"+", b" ") if plus_is_space else payload
        decoded = urllib.parse.unquote_to_bytes(raw)
        if decoded != payload:
            yield "NON_ASCII_UNENCODED", "before percent-encoding (the raw text)", decoded
    if b"+" in payload:
        yield (
            "SPACE_PLUS_VS_PERCENT20",
            "with each space as `%20` where `+` was sent",
            payload.replace(b"+", b"%20"),
        )
    if b"%20" in payload:
        yield (
            "SPACE_PLUS_VS_PERCENT20",
            "with each space as `+` where `%20` was sent",
            payload.replace(b"%20", b"+"),
        )
    if b"~" in payload:
        yield "URL_NORMALIZED_AFTER_SIGNING", "with `~` as `%7E`", payload.replace(b"~", b"%7E")
    unreserved = re.sub(
        rb"%(2[DdEe]|5[Ff]|7[Ee]|3[0-9]|[46][1-9A-Fa-f]|[57][0-9Aa])",
        lambda m: bytes.fromhex(m[1].decode()),
        payload,
    )
    if unreserved != payload:
        yield (
            "URL_NORMALIZED_AFTER_SIGNING",
            "with escaped unreserved characters decoded (`~` where `%7E` was sent)",
            unreserved,
        )
    for case, how in ((bytes.lower, "lowercase"), (bytes.upper, "uppercase")):
        recased = re.sub(rb"%[0-9A-Fa-f]{2}", lambda m, c=case: c(m[0]), payload)
        if recased != payload:
            yield "URL_NORMALIZED_AFTER_SIGNING", f"with {how} hex in the escapes", recased
    subdelims = {b"!": b"%21", b"'": b"%27", b"(": b"%28", b")": b"%29", b"*": b"%2A"}
    if any(c in payload for c in subdelims):
        escaped = payload
        for char, escape in subdelims.items():
            escaped = escaped.replace(char, escape)
        yield "URL_NORMALIZED_AFTER_SIGNING", "with `!'()*` escaped", escaped
    unescaped_sub = re.sub(
        rb"%(21|27|28|29|2[Aa])", lambda m: bytes.fromhex(m[1].decode()), payload
    )
    if unescaped_sub != payload:
        yield "URL_NORMALIZED_AFTER_SIGNING", "with `!'()*` unescaped", unescaped_sub
    yield "TRAILING_NEWLINE", "with a trailing newline (`\\n`)", payload + b"\n"
    yield "TRAILING_NEWLINE", "with a trailing CRLF (`\\r\\n`)", payload + b"\r\n"


def _structural_transforms(view: _View, api_key: str | None) -> Iterator[tuple[str, str, bytes]]:
    """Mistakes that change which pairs are signed, or how they are joined."""
    query = [s for s in view.query if not s.is_signature]
    body = [s for s in view.body if not s.is_signature]
    pairs = query + body
    decoded = all(s.name is not None for s in pairs)
    if query and body:
        yield (
            "QUERY_BODY_JOINED_WITH_AMPERSAND",
            "with `&` between the query string and the body",
            b"&".join(s.raw for s in query) + b"&" + b"&".join(s.raw for s in body),
        )
    # The WebSocket API's rule: sorted by name, values raw, apiKey included.
    if decoded and len(pairs) > 1:
        ordered = sorted(pairs, key=lambda s: s.name)
        raw_text = "&".join(f"{s.name}={s.value}" for s in ordered).encode("utf-8")
        yield (
            "WS_SORTED_PAYLOAD_ON_REST",
            "sorted by name, values raw (the WebSocket API's rule)",
            raw_text,
        )
        yield (
            "WS_SORTED_PAYLOAD_ON_REST",
            "sorted by name, values as sent",
            b"&".join(s.raw for s in ordered),
        )
        if api_key and not any(s.name == "apiKey" for s in pairs):
            with_key = sorted([*((s.name, s.value) for s in pairs), ("apiKey", api_key)])
            yield (
                "WS_SORTED_PAYLOAD_ON_REST",
                "sorted by name with `apiKey` added (the WebSocket API's rule)",
                "&".join(f"{n}={v}" for n, v in with_key).encode("utf-8"),
            )
    for label, part in (("query", view.query), ("body", view.body)):
        for index, seg in enumerate(part):
            if seg.is_signature:
                for placeholder in (b"signature=", b"signature=None"):
                    rebuilt = [s.raw for s in part[:index]] + [placeholder]
                    rebuilt += [s.raw for s in part[index + 1 :] if not s.is_signature]
                    q = rebuilt if label == "query" else [s.raw for s in query]
                    b = rebuilt if label == "body" else [s.raw for s in body]
                    shown = placeholder.decode()
                    yield (
                        "SIGNATURE_IN_PAYLOAD",
                        f"with `{shown}` still in the parameters where the signature sits",
                        _join(q, b),
                    )
                break
    for label, part in (("query", query), ("body", body)):
        names = [s.name for s in part]
        repeated = {n for n in names if n is not None and names.count(n) > 1}
        if not repeated:
            continue
        for separators in ((", ", ": "), (",", ":")):
            for encode in (False, True):
                rebuilt, done = [], set()
                for seg in part:
                    if seg.name in repeated:
                        if seg.name in done:
                            continue
                        done.add(seg.name)
                        values = [s.value for s in part if s.name == seg.name]
                        text = json.dumps(values, separators=separators, ensure_ascii=False)
                        if encode:
                            text = urllib.parse.quote(text, safe="")
                        rebuilt.append(seg.raw.partition(b"=")[0] + b"=" + text.encode("utf-8"))
                    else:
                        rebuilt.append(seg.raw)
                q = rebuilt if label == "query" else [s.raw for s in query]
                b = rebuilt if label == "body" else [s.raw for s in body]
                how = "percent-encoded" if encode else "raw"
                yield (
                    "JSON_ARRAY_ENCODING",
                    f"with the repeated `{sorted(repeated)[0]}` as one JSON array ({how})",
                    _join(q, b),
                )
    if any(s.value in ("True", "False") for s in pairs):

        def lower(seg: _Seg) -> bytes:
            if seg.value in ("True", "False"):
                return seg.raw.partition(b"=")[0] + b"=" + seg.value.lower().encode()
            return seg.raw

        yield (
            "BOOL_CAPITALIZED",
            "with `true`/`false` where `True`/`False` was sent",
            _join([lower(s) for s in query], [lower(s) for s in body]),
        )


def _reorderings(view: _View) -> Iterator[tuple[str, str, bytes]]:
    """Every other order of the pairs (up to 7 pairs), else every single move and swap."""
    query = [s for s in view.query if not s.is_signature]
    body = [s for s in view.body if not s.is_signature]
    pairs, split = query + body, len(query)
    n = len(pairs)
    if n < 2:
        return
    if n <= 7:
        orders: Iterator[tuple[int, ...]] = itertools.permutations(range(n))
    else:

        def moves() -> Iterator[tuple[int, ...]]:
            for i, j in itertools.permutations(range(n), 2):
                order = list(range(n))
                order.insert(j, order.pop(i))
                yield tuple(order)
                swapped = list(range(n))
                swapped[i], swapped[j] = swapped[j], swapped[i]
                yield tuple(swapped)

        orders = moves()
    identity = tuple(range(n))
    for order in orders:
        if order == identity:
            continue
        ordered = [pairs[i] for i in order]
        names = ", ".join(f"`{s.name or '?'}`" for s in ordered)
        yield (
            "PARAMS_REORDERED",
            f"with the parameters in the order {names}",
            _join([s.raw for s in ordered[:split]], [s.raw for s in ordered[split:]]),
        )


# --- Verifiers: HMAC with the secret, and the key mistakes --------------------------------


_Variant = tuple[str, str, Callable[[bytes], bool]]  # (code, how, verify the payload)


class _Hmac:
    """HMAC-SHA256 verification against the signature sent; lives only inside ``diagnose``."""

    scheme = "HMAC-SHA256"

    def __init__(self, secret: bytes, signature: str) -> None:
        self._secret = secret.strip()
        self._given = secret
        self._signature = signature

    def proof(self, how: str) -> str:
        return (
            f"HMAC-SHA256 with the secret you gave, over the payload {how}, equals the "
            "signature sent"
        )

    def what(self, how: str) -> str:
        return f"The signature was computed {how}."

    def key_proof(self, how: str, payload_how: str) -> str:
        return (
            f"HMAC-SHA256 over the payload {payload_how}, computed {how}, equals the "
            "signature sent — so that is how it was signed."
        )

    def verify(self, payload: bytes) -> bool:
        digest = hmac.new(self._secret, payload, hashlib.sha256).hexdigest().encode()
        return hmac.compare_digest(digest, self._signature.lower().encode("utf-8", "replace"))

    def key_variants(self, api_key: str | None) -> list[_Variant]:
        """(code, how, verify) for each key or construction mistake."""
        secret, sent = self._secret, self._signature.lower().encode("utf-8", "replace")
        exact = self._signature.encode("utf-8", "replace")

        def hex_of(key: bytes, message: bytes) -> bytes:
            return hmac.new(key, message, hashlib.sha256).hexdigest().encode()

        def matches(make: Callable[[bytes], bytes]) -> Callable[[bytes], bool]:
            return lambda payload: hmac.compare_digest(make(payload), sent)

        variants: list[_Variant] = []
        spaced = {secret + b"\n": "a trailing newline", secret + b"\r\n": "a trailing CRLF",
                  secret + b" ": "a trailing space", b" " + secret: "a leading space",
                  b"\n" + secret: "a leading newline"}  # fmt: skip
        if self._given != secret and self._given not in spaced:
            spaced[self._given] = "the whitespace of the secret you gave"
        for key, how in spaced.items():
            variants.append(
                ("SECRET_WHITESPACE", f"with the secret plus {how}",
                 matches(lambda p, k=key: hex_of(k, p)))
            )  # fmt: skip
        for decode in (base64.b64decode, base64.urlsafe_b64decode):
            try:
                decoded = decode(secret + b"=" * (-len(secret) % 4))
            except (binascii.Error, ValueError):
                continue
            variants.append(
                ("SECRET_BASE64_DECODED", "with the secret base64-decoded",
                 matches(lambda p, k=decoded: hex_of(k, p)))
            )  # fmt: skip
        if api_key:
            api_key_bytes = api_key.encode("utf-8")
            variants.append(
                ("API_KEY_AS_SECRET", "with the API key as the HMAC key",
                 matches(lambda p: hex_of(api_key_bytes, p)))
            )  # fmt: skip
        variants.append(
            ("KEY_MESSAGE_SWAPPED", "as HMAC(key=payload, message=secret)",
             matches(lambda p: hex_of(p, secret)))
        )  # fmt: skip

        def sha_hex(data: bytes) -> bytes:
            return hashlib.sha256(data).hexdigest().encode()

        for make, how in (
            (lambda p: sha_hex(secret + p), "as sha256(secret + payload)"),
            (lambda p: sha_hex(p + secret), "as sha256(payload + secret)"),
            (lambda p: hex_of(secret, secret + p), "as HMAC(secret, secret + payload)"),
            (lambda p: hex_of(secret, p + secret), "as HMAC(secret, payload + secret)"),
        ):
            variants.append(("SECRET_CONCATENATED", how, matches(make)))
        encoders = ((base64.b64encode, "base64"), (base64.urlsafe_b64encode, "URL-safe base64"))
        for encode, how in encoders:
            variants.append(
                ("SIGNATURE_NOT_HEX", f"as the HMAC in {how} instead of hex",
                 lambda p, e=encode: hmac.compare_digest(
                     e(hmac.new(secret, p, hashlib.sha256).digest()), exact))
            )  # fmt: skip
        return variants


class _PublicKey:
    """Ed25519 or RSA verification with the public key, by ``helpers.exchange``'s own
    ``Ed25519Key``/``RsaKey``: the signature is base64, case-sensitive."""

    def __init__(self, key: object, signature: str) -> None:
        self._key = key
        self._signature = signature
        self.scheme = key.kind

    def proof(self, how: str) -> str:
        return (
            f"the signature sent verifies with the {self.scheme} public key you gave over "
            f"the payload {how}"
        )

    def what(self, how: str) -> str:
        return f"The signature is right once it is {how}: it was mangled on the way."

    def key_proof(self, how: str, payload_how: str) -> str:
        return (
            f"the signature, {how}, verifies with the {self.scheme} public key you gave over "
            f"the payload {payload_how}."
        )

    def verify(self, payload: bytes) -> bool:
        return self._key.verify(payload, self._signature)

    def key_variants(self, api_key: str | None) -> list[_Variant]:
        """The base64 signature repaired the ways it gets mangled on the way."""
        sig = self._signature
        repairs = []
        if " " in sig:
            repairs.append(("`+` restored where it arrived as a space (sent unencoded)",
                            sig.replace(" ", "+")))  # fmt: skip
        if "%" in sig:
            repairs.append(("percent-decoded once more (it was encoded twice)",
                            urllib.parse.unquote(sig)))  # fmt: skip
        if "-" in sig or "_" in sig:
            repairs.append(("read as URL-safe base64 (`-` and `_`)",
                            sig.replace("-", "+").replace("_", "/")))  # fmt: skip
        stripped = sig.rstrip("=")
        if len(stripped) % 4:
            repairs.append(("with its `=` padding restored",
                            stripped + "=" * (-len(stripped) % 4)))  # fmt: skip
        return [
            ("BASE64_SIGNATURE_MANGLED", how,
             lambda p, fixed=fixed: self._key.verify(p, fixed))
            for how, fixed in repairs
        ]  # fmt: skip


def _public_key(public_key: object) -> object:
    """``helpers.exchange``'s ``Ed25519Key`` or ``RsaKey`` for ``public_key``: one of those,
    a ``cryptography`` public key, or its PEM. The type is read from the key, not guessed."""
    from helpers import exchange

    if isinstance(public_key, (exchange.Ed25519Key, exchange.RsaKey)):
        return public_key
    if isinstance(public_key, str):
        public_key = public_key.encode("ascii")
    if isinstance(public_key, (bytes, bytearray)):
        from cryptography.hazmat.primitives import serialization

        try:
            public_key = serialization.load_pem_public_key(bytes(public_key))
        except ValueError:
            raise ValueError(
                "public_key: not a PEM public key (-----BEGIN PUBLIC KEY-----); Binance is "
                "given the public key, and so is the doctor"
            ) from None
    from cryptography.hazmat.primitives.asymmetric import ed25519, rsa

    if isinstance(public_key, ed25519.Ed25519PublicKey):
        return exchange.Ed25519Key(public_key)
    if isinstance(public_key, rsa.RSAPublicKey):
        return exchange.RsaKey(public_key)
    raise TypeError(
        "public_key: expected an Ed25519 or RSA public key (an object, its PEM, or "
        f"helpers.exchange.Ed25519Key/RsaKey), got {type(public_key).__name__}"
    )


# --- diagnose --------------------------------------------------------------------------------


def diagnose(
    sent: object,
    *,
    secret: str | bytes | None = None,
    public_key: object = None,
    signed_payload: str | bytes | None = None,
    server_time: int | None = None,
    body: str | bytes | None = None,
    headers: object = None,
    method: str | None = None,
) -> Diagnosis:
    """Why was this request refused? A ``Diagnosis`` whose every finding is proven.

    ``sent``: the request (see the module docstring); for a bare URL, ``body``,
    ``headers`` and ``method`` complete it. ``secret``: the HMAC secret key, used only
    inside this call. ``signed_payload``: the exact text your code signed, if you know it
    (a ``SignedRequest`` brings its own). ``server_time``: the server's time in
    milliseconds, to check the timing rule (a ``Verdict`` brings its own).
    ``public_key``: for an Ed25519 or RSA API key, the public key (object or PEM) the
    signature is checked with, instead of ``secret``.
    """
    from helpers.request import SignedRequest

    if secret is not None and public_key is not None:
        raise ValueError(
            "pass secret= (an HMAC key) or public_key= (Ed25519 or RSA), not both: an API key "
            "has one key type"
        )
    checker = _public_key(public_key) if public_key is not None else None

    if isinstance(sent, SignedRequest) and signed_payload is None:
        signed_payload = sent.payload
    if isinstance(sent, Verdict) and server_time is None:
        server_time = sent.server_time
    request = as_sent(sent, body=body, headers=headers, method=method)
    if secret is not None and not isinstance(secret, (str, bytes, bytearray)):
        raise TypeError(f"secret: expected str or bytes, got {type(secret).__name__}")
    key = secret.encode("utf-8") if isinstance(secret, str) else secret
    if key is not None and not key.strip():
        raise ValueError("secret is empty: pass the secret key the request was meant to use")
    if isinstance(server_time, bool) or not isinstance(server_time, (int, type(None))):
        raise TypeError(f"server_time: expected integer milliseconds, got {server_time!r}")
    if isinstance(signed_payload, str):
        signed_payload = signed_payload.encode("utf-8")

    view = _read(request)
    api_key = _api_key_of(request, view)
    masker = _Masker(bytes(key) if key else None, [api_key] if api_key else [])
    found = _Findings(masker)
    notes = _check_request(view, server_time, found)

    signature = view.signatures[0] if view.signatures else None
    check, tried, comparison = "not checked: no signature sent", (), None
    if signed_payload is not None:
        comparison = compare(
            masker.data(signed_payload), masker.data(view.payload), ("signed", "sent")
        )
    verifier: _Hmac | _PublicKey | None = None
    if signature and checker is not None:
        verifier = _PublicKey(checker, signature)
        if _HEX64.fullmatch(signature):
            found.add(
                "WRONG_KEY_TYPE",
                f"The signature is 64 hex characters — an HMAC signature's shape — but the "
                f"key is {verifier.scheme}, whose signatures are base64.",
                f"{REQUEST_SHOWS}: the signature's shape.",
            )
    elif signature and key is not None:
        verifier = _Hmac(bytes(key), signature)
        if key != key.strip():
            notes.append(
                "the secret you gave has whitespace around it; Binance's secrets have none, "
                "so it was checked stripped (and as given, as a hypothesis)"
            )
        if not _HEX64.fullmatch(signature):
            kind = _base64_shape(signature)
            if kind:
                found.add(
                    "WRONG_KEY_TYPE",
                    f"The signature is {kind} — an {kind.split()[-1]} signature's shape — "
                    "but the key given is an HMAC secret, whose signatures are 64 hex "
                    "characters.",
                    f"{REQUEST_SHOWS}: the signature's shape.",
                )
            found.add(
                "SIGNATURE_NOT_HEX",
                f"The signature is {len(signature)} characters "
                f"(`{signature[:24]}{'…' if len(signature) > 24 else ''}`), not 64 hex digits.",
                f"{REQUEST_SHOWS}: an HMAC-SHA256 signature in hex is 64 characters 0-9a-f.",
            )
    if signature and verifier is None:
        check = "not checked: give secret= (or public_key=) to check it"
    elif verifier is not None:
        if verifier.verify(view.payload):
            check = "verified"
        else:
            check = "failed"
            tried = _explain_signature(view, verifier, api_key, signed_payload, found)
    if view.body_status == "json" and key is not None:
        _check_json_signature(view, bytes(key), found)
    if signature and check == "verified" and signed_payload is not None and comparison is not None:
        if not comparison.equal:
            notes.append(
                "the signature verifies over the payload as sent, not over the signed_payload "
                "you gave: your code signed what it sent"
            )
    return Diagnosis(
        request=masker.text(f"{request.method} {request.target}"),
        payload=masker.text(view.payload.decode("utf-8", "backslashreplace")),
        payload_length=len(view.payload),
        signature=masker.text(signature) if signature is not None else None,
        scheme=verifier.scheme if verifier is not None else "-",
        signature_check=check,
        findings=found.ordered(),
        notes=tuple(masker.text(n) for n in notes),
        tried=tried,
        comparison=comparison,
    )


def _check_json_signature(view: _View, key: bytes, found: _Findings) -> None:
    """A JSON body carrying a signature: was the JSON text (or its form) what was signed?"""
    data = view.json_data
    if not isinstance(data, dict) or not isinstance(data.get("signature"), str):
        return
    verifier = _Hmac(key, data["signature"])
    rest = {k: v for k, v in data.items() if k != "signature"}
    forms = (
        ("the JSON text", json.dumps(rest)),
        ("the compact JSON text", json.dumps(rest, separators=(",", ":"))),
        ("the same fields form-encoded", urllib.parse.urlencode(rest)),
    )
    query = view.payload
    for what, text in forms:
        if verifier.verify(query + text.encode("utf-8")):
            found.add(
                "JSON_BODY",
                f"The body is JSON, and the signature inside it covers {what}"
                + (" after the query string" if query else "")
                + ": the server reads no parameters from a JSON body, so it sees neither "
                "the timestamp nor the signature.",
                f"{REQUEST_SHOWS} (Content-Type `{view.sent.content_type or '(none)'}`, a JSON "
                f"body); and HMAC-SHA256 with the secret you gave over {what} equals the "
                "signature in the JSON.",
                replace=True,
            )
            return


def _base64_shape(signature: str) -> str | None:
    """ "base64 of 64 bytes (Ed25519)" if the signature is standard base64 of a known size."""
    try:
        raw = base64.b64decode(signature.encode("ascii"), validate=True)
    except (UnicodeEncodeError, binascii.Error, ValueError):
        return None
    if len(raw) == 64:
        return "base64 of 64 bytes, Ed25519"
    if len(raw) in (128, 256, 384, 512):
        return f"base64 of {len(raw)} bytes, RSA"
    return None


def _api_key_of(sent: Sent, view: _View) -> str | None:
    """The API key as sent: from the header, else from an api_key/apiKey parameter."""
    for value in sent.header(API_KEY_HEADER):
        if value and not value.startswith("(sent;") and not value.startswith("$"):
            return value.strip()
    for seg in view.pairs:
        if seg.name is not None and seg.name.lower() in API_KEY_PARAMS and seg.value:
            # Letters and digits only: a mangled value (`KEY×tamp=...`) holds the key first.
            match = re.match(r"[A-Za-z0-9]+", seg.value)
            return match[0] if match else None
    return None


def _explain_signature(
    view: _View,
    verifier: "_Hmac | _PublicKey",
    api_key: str | None,
    signed_payload: bytes | None,
    found: _Findings,
) -> tuple[tuple[str, int], ...]:
    """Step 4: which rebuilt payload or key reproduces the signature? Adds the findings,
    returns how many candidates each hypothesis tried."""
    sent_payload = view.payload
    seen = {sent_payload}
    counts: dict[str, int] = {}
    singles: list[_Candidate] = []

    def fresh(codes: tuple[str, ...], how: str, payload: bytes) -> _Candidate | None:
        if payload in seen:
            return None
        seen.add(payload)
        for code in codes:
            counts[code] = counts.get(code, 0) + 1
        return _Candidate(codes, how, payload)

    def report(candidate: _Candidate) -> None:
        # Another single mistake may produce the very same bytes: the proof fits it equally.
        same = [
            (code, how)
            for code, how, payload in [*_string_transforms(sent_payload), *structural]
            if payload == candidate.payload and code not in candidate.codes
        ]
        also = ""
        if same:
            also = " The same bytes also come from another mistake, which fits equally: " + (
                "; ".join(f"{code} ({how})" for code, how in same) + "."
            )
        for code in candidate.codes:
            what = f"The signature was computed over the payload {candidate.how}."
            proof = verifier.proof("rebuilt " + candidate.how)
            found.add(
                code,
                _explanation(code, what) + also,
                proof + " — so that payload is what was signed.",
                (candidate.payload, sent_payload),
                alternatives=tuple(dict.fromkeys(code for code, _ in same)),
            )

    def report_key(code: str, how: str, candidate: _Candidate | None = None) -> None:
        payload_how = "as sent" if candidate is None else "rebuilt " + candidate.how
        what, proof = verifier.what(how), verifier.key_proof(how, payload_how)
        found.add(code, _explanation(code, what), proof)
        if candidate is not None:
            report(candidate)

    # 1. One mistake in the payload.
    structural = list(_structural_transforms(view, api_key))
    for code, how, payload in [*_string_transforms(sent_payload), *structural]:
        candidate = fresh((code,), how, payload)
        if candidate is None:
            continue
        singles.append(candidate)
        if verifier.verify(candidate.payload):
            report(candidate)
            return _tried(counts)
    # 2. One mistake in the key or the construction (on the payload as sent, then combined
    #    with one payload mistake).
    variants = verifier.key_variants(api_key)
    for code, how, verify in variants:
        counts[code] = counts.get(code, 0) + 1
        if verify(sent_payload):
            report_key(code, how)
            return _tried(counts)
    for candidate in singles:
        for code, how, verify in variants:
            if verify(candidate.payload):
                report_key(code, how, candidate)
                return _tried(counts)
    # 3. Two mistakes in the payload: a structural one, then one in the text.
    for code, how, payload in structural:
        for code2, how2, payload2 in _string_transforms(payload):
            if code2 == code:
                continue
            candidate = fresh((code, code2), f"{how}, and {how2}", payload2)
            if candidate is not None and verifier.verify(candidate.payload):
                report(candidate)
                return _tried(counts)
    # 4. Another order of the parameters, alone or with one mistake in the text.
    for code, how, payload in _reorderings(view):
        candidate = fresh((code,), how, payload)
        if candidate is not None and verifier.verify(candidate.payload):
            report(candidate)
            return _tried(counts)
    # 5. Nothing reproduces it: say so honestly.
    if signed_payload is not None and signed_payload == sent_payload:
        found.add(
            "WRONG_SECRET_OR_KEY",
            "The payload you signed is byte for byte the payload sent, yet the signature does "
            f"not verify over it ({verifier.scheme}, with the key you gave), nor with any key "
            "mistake the doctor knows: the signature was made with another key.",
            "the signed_payload you gave equals the payload sent, so only the key can differ.",
        )
        return _tried(counts)
    if signed_payload is not None:
        own = verifier.verify(signed_payload)
        index = compare(signed_payload, sent_payload).index
        found.add(
            "UNKNOWN_MISMATCH",
            f"What you signed differs from what was sent from byte {index} on (shown above)"
            + (", and the signature verifies over what you signed: the payload changed "
               "between signing and sending, in a way the doctor cannot name."
               if own else
               f"; and the signature does not verify over what you signed either "
               f"({verifier.scheme}, with the key you gave), so the key (or the signer) "
               "differs too."),
            ("the signature verifies over the signed_payload you gave"
             if own else "the signed_payload you gave does not reproduce the signature")
            + f"; no hypothesis reproduces it ({sum(counts.values())} tried).",
        )  # fmt: skip
        return _tried(counts)
    found.add(
        "UNKNOWN_MISMATCH",
        "The signature does not verify over the payload as sent, and no known mistake "
        f"reproduces it ({sum(counts.values())} rebuilt payloads and keys tried). Either the "
        "payload changed in a way the doctor does not know, or the key differs.",
        "every hypothesis was checked against the signature and none matched (listed under "
        "'hypotheses tried'); pass signed_payload= to compare byte for byte.",
    )
    return _tried(counts)


def _tried(counts: dict[str, int]) -> tuple[tuple[str, int], ...]:
    return tuple(sorted(counts.items(), key=lambda item: _ORDER[item[0]]))


def _explanation(code: str, what: str) -> str:
    return f"{what} {_CODE[code].why}"


# --- Command line ----------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    """``python -m helpers.doctor --secret-env VAR 'curl ...'``; exit 0 OK, 1 findings, 2 error."""
    parser = argparse.ArgumentParser(
        prog="python -m helpers.doctor",
        description="Diagnose a Binance SIGNED request: print which mistake (if any) the "
        "signature and the request prove. The secret is read from an environment variable "
        "and never printed.",
    )
    parser.add_argument(
        "request",
        help="a curl command line, a raw HTTP request, or a URL ('-' reads it from stdin)",
    )
    parser.add_argument(
        "--secret-env", metavar="VAR", help="name of the environment variable holding the secret"
    )
    parser.add_argument(
        "--public-key",
        metavar="PEM_FILE",
        help="for an Ed25519 or RSA API key: the public key's PEM file (instead of a secret)",
    )
    parser.add_argument("--server-time", type=int, metavar="MS", help="server time in ms")
    parser.add_argument("--signed-payload", metavar="TEXT", help="the exact text your code signed")
    args = parser.parse_args(argv)
    secret = None
    if args.secret_env:
        secret = os.environ.get(args.secret_env)
        if not secret:
            print(
                f"helpers.doctor: the environment variable {args.secret_env} is not set or empty",
                file=sys.stderr,
            )
            return 2
    public_key = None
    if args.public_key:
        try:
            with open(args.public_key, "rb") as pem:
                public_key = pem.read()
        except OSError as exc:
            print(f"helpers.doctor: cannot read {args.public_key}: {exc.strerror}", file=sys.stderr)
            return 2
    text = sys.stdin.read() if args.request == "-" else args.request
    try:
        diagnosis = diagnose(
            text,
            secret=secret,
            public_key=public_key,
            signed_payload=args.signed_payload,
            server_time=args.server_time,
        )
    except (TypeError, ValueError) as exc:
        print(f"helpers.doctor: {exc}", file=sys.stderr)
        return 2
    print(repr(diagnosis))
    return 0 if diagnosis.ok else 1


if __name__ == "__main__":
    sys.exit(main())
