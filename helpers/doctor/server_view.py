"""Step 1: read the request as the server does — which parameters arrive, and the payload.

The server does not see your code, only bytes: it reads the raw query string and, for a
form body (``Content-Type: application/x-www-form-urlencoded``), the raw body, with
``helpers.exchange.parse_part`` — the local exchange's own reader, so the doctor and the
exchange cannot disagree. The signature payload is those bytes with the
``signature=...`` pair removed, query + body, no separator. ``read_as_server`` returns
that ``ServerView``: each ``name=value`` segment raw and decoded, what became of the body
(read as a form, ignored as JSON, ...), the payload, the signatures and the parameters.
"""

import json
from dataclasses import dataclass

from helpers.doctor.sent import Sent
from helpers.exchange import form_decode, parse_part
from helpers.wire import is_form_content_type


@dataclass(frozen=True)
class Segment:
    """One ``name=value`` segment of a part, raw, and decoded when it decodes."""

    raw: bytes
    name: str | None
    value: str | None

    @property
    def is_signature(self) -> bool:
        return self.name == "signature"


def _segments(raw: bytes) -> list[Segment]:
    segs = []
    for piece in raw.split(b"&") if raw else []:
        raw_name, _, raw_value = piece.partition(b"=")
        try:
            name, value = form_decode(raw_name), form_decode(raw_value)
        except ValueError:
            name = value = None
        segs.append(Segment(piece, name, value))
    return segs


@dataclass
class ServerView:
    """The request as the exchange reads it (``helpers.exchange``'s rules)."""

    sent: Sent
    query: list[Segment]
    body: list[Segment]
    body_status: str  # "form", "none", "json", "get", "not-form"
    json_data: object
    payload: bytes
    signatures: tuple[str, ...]
    params: dict[str, str]
    problems: list[str]

    @property
    def pairs(self) -> list[Segment]:
        return [s for s in self.query + self.body if not s.is_signature]


def _looks_like_json(body: bytes) -> object:
    text = body.strip()
    if text[:1] not in (b"{", b"["):
        return None
    try:
        return json.loads(text.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return None


def read_as_server(sent: Sent) -> ServerView:
    body = sent.body
    content_type = sent.content_type
    is_form = is_form_content_type(content_type)
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
    return ServerView(
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
