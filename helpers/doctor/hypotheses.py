"""Step 4's payload hypotheses: rebuild the payload the way each known mistake would have.

Each hypothesis takes the payload as sent and yields a ``Rebuilt`` (code, how, payload):
what the client would have signed had it made that mistake. If the signature verifies
over one of them, that mistake is proven. Three families, tried in this order by
``helpers.doctor.explain``:

- ``string_transforms`` — the text changed: HTML entities decoded, not percent-encoded,
  encoded twice, ``%20`` for ``+``, escapes normalised, a trailing newline, ...;
- ``structural_transforms`` — other pairs or another join: ``&`` between query and body,
  a ``signature=`` placeholder signed, a list as a JSON array, ``true`` for ``True``;
- the same pairs in another order: sorted, or moved (``helpers.doctor.orderings``).

``untouched`` says when none of them can change a character of the payload, untried:
then, with every order tried too, only the key is left (``explain``'s elimination).

The key mistakes (a newline in the secret, base64-decoded, the API key, ...) are the
verifiers' ``key_variants``, in ``helpers.doctor.verifiers``.
"""

import html
import json
import re
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass
from typing import NamedTuple

from helpers.doctor.server_view import Segment, ServerView


@dataclass(frozen=True)
class Candidate:
    """A payload rebuilt the way one mistake (or two, ``codes``) would have produced it."""

    codes: tuple[str, ...]
    how: str
    payload: bytes


class Rebuilt(NamedTuple):
    """What one hypothesis yields: the mistake's ``code``, ``how`` it changed the payload
    (words for the finding), and the ``payload`` the client would then have signed."""

    code: str
    how: str
    payload: bytes


def join_parts(query: list[bytes], body: list[bytes]) -> bytes:
    """The payload of these query and body pairs: each part joined with ``&``, then the
    two parts with no separator (the server's rule)."""
    return b"&".join(query) + b"&".join(body)


# --- The text changed -----------------------------------------------------------------------


def string_transforms(payload: bytes) -> Iterator[Rebuilt]:
    """Mistakes that change the payload's text, in the order they are tried: HTML
    entities, encodings, spaces, URL normalisation, a trailing newline."""
    yield from html_entities(payload)
    yield from _encodings(payload)
    yield from _spaces(payload)
    yield from _normalisations(payload)
    yield Rebuilt("TRAILING_NEWLINE", "with a trailing newline (`\\n`)", payload + b"\n")
    yield Rebuilt("TRAILING_NEWLINE", "with a trailing CRLF (`\\r\\n`)", payload + b"\r\n")


def html_entities(payload: bytes) -> Iterator[Rebuilt]:
    """The payload read as HTML: ``&times`` decoded to ``×`` (a page copied, a template)."""
    text = payload.decode("utf-8", "surrogateescape")
    unescaped = html.unescape(text)
    if unescaped != text:
        entities = re.finditer(r"&[A-Za-z][A-Za-z0-9]*;?", text)
        changed = [m[0] for m in entities if html.unescape(m[0]) != m[0]]
        first = changed[0] if changed else "&"
        yield Rebuilt(
            "HTML_ENTITY_MOJIBAKE",
            f"with `{first}` read as an HTML entity (`{first}` → `{html.unescape(first)}`)",
            unescaped.encode("utf-8", "surrogateescape"),
        )


def _encodings(payload: bytes) -> Iterator[Rebuilt]:
    """Percent-encoding done twice (after or before signing), or not at all before
    signing (the raw text signed)."""
    double = re.sub(rb"%25([0-9A-Fa-f]{2})", rb"%\1", payload)
    if double != payload:  # before the raw text: decoding `%252F` once gives `%2F` too
        yield Rebuilt("DOUBLE_ENCODED", "with each value encoded once (`%25XX` → `%XX`)", double)
    if b"%" in payload:  # the other way: encoded twice before signing, sent encoded once
        twice = payload.replace(b"%", b"%25")
        yield Rebuilt(
            "DOUBLE_ENCODED_BEFORE_SIGNING",
            "with each value encoded once more (`%XX` → `%25XX`)",
            twice,
        )
        if b"+" in payload:
            yield Rebuilt(
                "DOUBLE_ENCODED_BEFORE_SIGNING",
                "with each value form-encoded once more (`%XX` → `%25XX`, `+` → `%2B`)",
                twice.replace(b"+", b"%2B"),
            )
    for plus_is_space in (True, False):
        raw = payload.replace(b"+", b" ") if plus_is_space else payload
        decoded = urllib.parse.unquote_to_bytes(raw)
        if decoded != payload:
            yield Rebuilt("NON_ASCII_UNENCODED", "before percent-encoding (the raw text)", decoded)


def _spaces(payload: bytes) -> Iterator[Rebuilt]:
    """A space signed as ``%20`` and sent as ``+``, or the other way round."""
    if b"+" in payload:
        yield Rebuilt(
            "SPACE_PLUS_VS_PERCENT20",
            "with each space as `%20` where `+` was sent",
            payload.replace(b"+", b"%20"),
        )
    if b"%20" in payload:
        yield Rebuilt(
            "SPACE_PLUS_VS_PERCENT20",
            "with each space as `+` where `%20` was sent",
            payload.replace(b"%20", b"+"),
        )


def _normalisations(payload: bytes) -> Iterator[Rebuilt]:
    """The URL normalised after signing (by a library or a proxy): ``~`` escaped or
    unescaped, escapes re-cased, ``!'()*`` escaped or unescaped."""
    if b"~" in payload:
        tilde = payload.replace(b"~", b"%7E")
        yield Rebuilt("URL_NORMALIZED_AFTER_SIGNING", "with `~` as `%7E`", tilde)
    unreserved = re.sub(
        rb"%(2[DdEe]|5[Ff]|7[Ee]|3[0-9]|[46][1-9A-Fa-f]|[57][0-9Aa])",
        lambda m: bytes.fromhex(m[1].decode()),
        payload,
    )
    if unreserved != payload:
        yield Rebuilt(
            "URL_NORMALIZED_AFTER_SIGNING",
            "with escaped unreserved characters decoded (`~` where `%7E` was sent)",
            unreserved,
        )
    for case, how in ((bytes.lower, "lowercase"), (bytes.upper, "uppercase")):
        recased = re.sub(rb"%[0-9A-Fa-f]{2}", lambda m, c=case: c(m[0]), payload)
        if recased != payload:
            yield Rebuilt("URL_NORMALIZED_AFTER_SIGNING", f"with {how} hex in the escapes", recased)
    subdelims = {b"!": b"%21", b"'": b"%27", b"(": b"%28", b")": b"%29", b"*": b"%2A"}
    if any(c in payload for c in subdelims):
        escaped = payload
        for char, escape in subdelims.items():
            escaped = escaped.replace(char, escape)
        yield Rebuilt("URL_NORMALIZED_AFTER_SIGNING", "with `!'()*` escaped", escaped)
    unescaped_sub = re.sub(
        rb"%(21|27|28|29|2[Aa])", lambda m: bytes.fromhex(m[1].decode()), payload
    )
    if unescaped_sub != payload:
        yield Rebuilt("URL_NORMALIZED_AFTER_SIGNING", "with `!'()*` unescaped", unescaped_sub)


# --- Other pairs, or another join -------------------------------------------------------------


def structural_transforms(view: ServerView) -> Iterator[Rebuilt]:
    """Mistakes that change which pairs are signed, or how they are joined, in the order
    they are tried: ``&`` between the parts, a ``signature=`` placeholder, a list as a
    JSON array, ``true`` for ``True``."""
    query = [s for s in view.query if not s.is_signature]
    body = [s for s in view.body if not s.is_signature]
    if query and body:
        yield Rebuilt(
            "QUERY_BODY_JOINED_WITH_AMPERSAND",
            "with `&` between the query string and the body",
            b"&".join(s.raw for s in query) + b"&" + b"&".join(s.raw for s in body),
        )
    yield from _signature_placeholders(view, query, body)
    yield from _json_arrays(query, body)
    yield from _lowercase_booleans(query, body)


def _signature_placeholders(
    view: ServerView, query: list[Segment], body: list[Segment]
) -> Iterator[Rebuilt]:
    """``signature=`` (or ``signature=None``) left in the pairs when they were signed,
    where the signature now sits."""
    for label, part in (("query", view.query), ("body", view.body)):
        for index, seg in enumerate(part):
            if seg.is_signature:
                for placeholder in (b"signature=", b"signature=None"):
                    rebuilt = [s.raw for s in part[:index]] + [placeholder]
                    rebuilt += [s.raw for s in part[index + 1 :] if not s.is_signature]
                    q = rebuilt if label == "query" else [s.raw for s in query]
                    b = rebuilt if label == "body" else [s.raw for s in body]
                    shown = placeholder.decode()
                    yield Rebuilt(
                        "SIGNATURE_IN_PAYLOAD",
                        f"with `{shown}` still in the parameters where the signature sits",
                        join_parts(q, b),
                    )
                break


def _json_arrays(query: list[Segment], body: list[Segment]) -> Iterator[Rebuilt]:
    """A list signed as one JSON array (``a=["1","2"]``, raw or percent-encoded, with or
    without spaces) but sent as the same name repeated."""
    for label, part in (("query", query), ("body", body)):
        names = [s.name for s in part]
        repeated = {n for n in names if n is not None and names.count(n) > 1}
        if not repeated:
            continue
        for separators in ((", ", ": "), (",", ":")):
            for encode in (False, True):
                rebuilt = _as_json_arrays(part, repeated, separators, encode)
                q = rebuilt if label == "query" else [s.raw for s in query]
                b = rebuilt if label == "body" else [s.raw for s in body]
                how = "percent-encoded" if encode else "raw"
                yield Rebuilt(
                    "JSON_ARRAY_ENCODING",
                    f"with the repeated `{sorted(repeated)[0]}` as one JSON array ({how})",
                    join_parts(q, b),
                )


def _as_json_arrays(
    part: list[Segment], repeated: set[str], separators: tuple[str, str], encode: bool
) -> list[bytes]:
    """The pairs of ``part`` with each repeated name's values as one JSON array, at the
    place of its first pair."""
    rebuilt, done = [], set()
    for seg in part:
        if seg.name not in repeated:
            rebuilt.append(seg.raw)
            continue
        if seg.name in done:
            continue
        done.add(seg.name)
        values = [s.value for s in part if s.name == seg.name]
        text = json.dumps(values, separators=separators, ensure_ascii=False)
        if encode:
            text = urllib.parse.quote(text, safe="")
        rebuilt.append(seg.raw.partition(b"=")[0] + b"=" + text.encode("utf-8"))
    return rebuilt


def _lowercase_booleans(query: list[Segment], body: list[Segment]) -> Iterator[Rebuilt]:
    """``true``/``false`` signed where Python's ``True``/``False`` was sent."""
    if not any(s.value in ("True", "False") for s in query + body):
        return

    def lower(seg: Segment) -> bytes:
        if seg.value in ("True", "False"):
            return seg.raw.partition(b"=")[0] + b"=" + seg.value.lower().encode()
        return seg.raw

    yield Rebuilt(
        "BOOL_CAPITALIZED",
        "with `true`/`false` where `True`/`False` was sent",
        join_parts([lower(s) for s in query], [lower(s) for s in body]),
    )


# What only adds to the payload (a newline, a `signature=`, an `&` between the parts), and
# so changes no character of it.
ADDITIONS = ("TRAILING_NEWLINE", "SIGNATURE_IN_PAYLOAD", "QUERY_BODY_JOINED_WITH_AMPERSAND")
# Changes characters (`&timestamp` → `×tamp`), but when every order of the pairs is tried
# the search reads every one of them as HTML too (``explain``): nothing is left untried.
READ_AS_HTML = "HTML_ENTITY_MOJIBAKE"
PLAIN = re.compile(rb"[A-Za-z0-9._-]+=[A-Za-z0-9._-]*")


def untouched(view: ServerView, *, read_as_html_in_every_order: bool = False) -> bool:
    """Can no known mistake have changed a character of this payload in a way the search
    did not try in full? True when every pair is letters, digits, `-`, `.` and `_` (no
    escape, no `+`, no `~`: no encoding mistake touches it), and no transform of the text
    or the pairs does more than add to it — an HTML entity read (`&times`) excepted when
    ``read_as_html_in_every_order`` (it was tried over every order of the pairs)."""
    if not all(PLAIN.fullmatch(s.raw) for s in view.pairs):
        return False
    codes = {code for code, _, _ in string_transforms(view.payload)}
    codes |= {code for code, _, _ in structural_transforms(view)}
    allowed = {*ADDITIONS, *((READ_AS_HTML,) if read_as_html_in_every_order else ())}
    return codes <= allowed
