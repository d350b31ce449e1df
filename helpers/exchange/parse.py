"""Step 1: read the request as the server does, keeping the raw bytes to verify.

rest-api.md → "Request Security" → "SIGNED Endpoint Examples for POST /api/v3/order" →
"HMAC Keys": "The signature payload of your request is the query string concatenated
without separator to the HTTP body." ``parse_part`` splits one raw part (the
query string, or a form body) on ``&``; names and values are decoded (form rules: ``+`` is
a space, ``%XX`` a byte, UTF-8) only to *read* them. Its ``payload`` is the raw part with
every ``signature=...`` pair dropped — the bytes as received, never re-encoded — so the
exchange's payload is query payload + body payload, no separator.

A body is read only as ``application/x-www-form-urlencoded``, and never on GET (REST API,
"General Information on Endpoints"); ``request_parts`` leaves any other body out, with a
note. ``CONTROL_CHAR`` is what no decoded name or value may hold (the WebSocket API's
reader applies it too).
"""

import re
import urllib.parse
from dataclasses import dataclass

from helpers.exchange.messages import shown
from helpers.exchange.verdict import RawRequest
from helpers.wire import FORM_CONTENT_TYPE, is_form_content_type

CONTROL_CHAR = re.compile(r"[\x00-\x1f\x7f]")
_VISIBLE_ASCII = re.compile(rb"[\x21-\x7e]*")
_BAD_ESCAPE = re.compile(rb"%(?![0-9A-Fa-f]{2})")


class _IllegalChars(ValueError):
    pass


def form_decode(raw: bytes) -> str:
    """One name or value as the server reads it: ``+`` is a space, ``%XX`` a byte, UTF-8.

    Strict where ``urllib.parse.unquote`` is lenient: a malformed escape (``%zz``, a lone
    ``%``), bytes that are not UTF-8, or a control character raise ``ValueError``.
    """
    quoted = repr(shown(raw.decode("latin-1"), 60))
    if _BAD_ESCAPE.search(raw):
        raise _IllegalChars(f"{quoted} has a malformed %-escape")
    data = urllib.parse.unquote_to_bytes(raw.replace(b"+", b" "))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise _IllegalChars(f"{quoted} decodes to bytes that are not UTF-8") from None
    if CONTROL_CHAR.search(text):
        raise _IllegalChars(f"{quoted} decodes to a control character")
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


def request_parts(request: RawRequest, notes: list[str]) -> tuple[Part, Part]:
    """The query part and the body part; a body that is not a form counts as empty."""
    query = parse_part("query", request.query)
    body = request.body
    content_type = request.content_type if body else None
    if body and request.method == "GET":
        notes.append("the body of a GET request is ignored: GET parameters go in the query")
        body = b""
    elif body and not is_form_content_type(content_type):
        what = "no Content-Type" if content_type is None else content_type
        notes.append(
            f"the body is ignored ({shown(what, 60)}): Binance reads a body only as "
            f"{FORM_CONTENT_TYPE}, never JSON"
        )
        body = b""
    return query, parse_part("body", body)
