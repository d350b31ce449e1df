"""Step 2: what the request itself shows, before any signature is checked.

Many refusals need no key to explain: the ``X-MBX-APIKEY`` header missing or malformed,
a JSON body, raw or illegal characters, ``&timestamp`` eaten by an HTML entity, no
``timestamp`` or ``signature``, a parameter sent twice or empty, ``recvWindow``, a
timestamp in seconds or — given the server time — outside the timing window, ``1e-05``,
``True``. ``examine_request`` runs these checks in the local exchange's order (see
``helpers.exchange``), one short step each, and adds each finding with the proof "the
request shows it"; the timing rule is ``helpers.doctor.timing``'s, shared with the
WebSocket doctor.
"""

import html
import json
import re
from importlib import resources
from typing import NamedTuple

from helpers import wire
from helpers.doctor.findings import REQUEST_SHOWS, Findings
from helpers.doctor.sent import Sent
from helpers.doctor.server_view import Segment, ServerView
from helpers.doctor.timing import examine_timing

# Parameters whose values Binance reads as decimals (the exchange checks the first four).
DECIMAL_PARAMS = {
    "quantity", "quoteOrderQty", "price", "stopPrice", "icebergQty", "stopLimitPrice",
    "limitIcebergQty", "stopIcebergQty", "limitPrice", "aboveStopPrice", "belowStopPrice",
    "abovePrice", "belowPrice", "pendingQuantity", "pendingPrice", "pendingStopPrice",
}  # fmt: skip


def _spot_parameters() -> dict:
    text = resources.files("helpers").joinpath("data", "spot_parameters.json").read_text("utf-8")
    return json.loads(text)["files"]


# Boolean parameters of the Spot API (type BOOLEAN in its parameter tables, `true`/`false`):
# helpers/data/spot_parameters.json, derived from the docs and checked against them.
BOOLEAN_PARAMS = frozenset(name for f in _spot_parameters().values() for name in f["boolean"])
API_KEY_PARAMS = {"apikey", "api_key", "api-key", wire.API_KEY_HEADER.lower()}
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
_SHELL_VARIABLE = re.compile(r"\$\{?[A-Za-z_][A-Za-z0-9_]*\}?")

# The HTML entities a browser decodes even without the `;` (HTML5's legacy list):
# `&times` → `×`. Maps each decoded text to the entity names that produce it.
_LEGACY_ENTITIES: dict[str, list[str]] = {}
for _name, _text in html.entities.html5.items():
    if not _name.endswith(";"):
        _LEGACY_ENTITIES.setdefault(_text, []).append(_name)


class Mojibake(NamedTuple):
    """Where an HTML entity ate the start of a parameter name: ``seen`` (``'×tamp='``),
    ``restored`` (``'&timestamp='``) and the ``entity`` decoded (``'&times'``)."""

    seen: str
    restored: str
    entity: str

    @property
    def param(self) -> str:
        """The parameter swallowed (``'timestamp'``)."""
        return self.restored[1:-1]


def _mojibake_in(text: str) -> Mojibake | None:
    """A place in ``text`` where an entity ate the start of a parameter name, or ``None``."""
    for decoded, names in _LEGACY_ENTITIES.items():
        start = text.find(decoded)
        while start != -1:
            rest = text[start + len(decoded) :]
            match = re.match(r"([A-Za-z]*)=", rest)
            if match:
                for name in names:
                    restored = name + match[1]
                    if restored in KNOWN_PARAMS:
                        return Mojibake(decoded + match[0], "&" + restored + "=", "&" + name)
            start = text.find(decoded, start + 1)
    return None


def examine_request(view: ServerView, server_time: int | None, found: Findings) -> list[str]:
    """Step 2: what the request itself shows, in the local exchange's check order. Adds the
    findings; returns notes (what could not be checked, and why)."""
    notes: list[str] = []
    _examine_api_key_header(view.sent, found, notes)
    _examine_api_key_params(view, found)
    _examine_body(view, found, notes)
    _examine_raw_bytes(view, found)
    _examine_mojibake(view, found)
    _examine_mandatory(view, found)
    _examine_repeats(view, found)
    timestamp, recv_window = view.params.get("timestamp"), view.params.get("recvWindow")
    examine_timing(timestamp, recv_window, server_time, found, notes)
    _examine_values(view, found)
    return notes


def _examine_api_key_header(sent: Sent, found: Findings, notes: list[str]) -> None:
    """The API key header (``helpers.wire.API_KEY_HEADER``): sent once, with a value of an
    API key's format — else the server cannot tell whose key signed the request."""
    if sent.headers is None:
        notes.append(
            f"the request's headers are not known, so the {wire.API_KEY_HEADER} header was "
            "not checked"
        )
        return
    if sent.key_accepted:
        return  # from a Verdict: the exchange accepted the header
    keys = sent.header(wire.API_KEY_HEADER)
    if not keys or keys == [""]:
        found.add(
            "MISSING_API_KEY_HEADER",
            f"The request has no `{wire.API_KEY_HEADER}` header"
            + (" (it has an empty one)" if keys else "")
            + ": the server cannot tell whose key signed it.",
            f"{REQUEST_SHOWS}: no `{wire.API_KEY_HEADER}` among the headers sent.",
        )
    elif len(keys) > 1:
        found.add(
            "API_KEY_HEADER_MALFORMED",
            f"The `{wire.API_KEY_HEADER}` header is sent {len(keys)} times.",
            f"{REQUEST_SHOWS}: the header appears {len(keys)} times.",
        )
    elif _SHELL_VARIABLE.fullmatch(keys[0].strip()):
        variable = keys[0].strip()
        notes.append(f"the {wire.API_KEY_HEADER} header holds the shell variable {variable}")
    elif not wire.API_KEY_FORMAT.fullmatch(keys[0]):
        bad = next((c for c in keys[0] if not (c.isascii() and c.isalnum())), None)
        found.add(
            "API_KEY_HEADER_MALFORMED",
            f"The `{wire.API_KEY_HEADER}` value has {len(keys[0])} characters"
            + (f", including {bad!r}" if bad is not None else "")
            + "; an API key is letters and digits only (whitespace or quotes from "
            "copy-paste?).",
            f"{REQUEST_SHOWS}: the header's value is not an API key's format.",
        )


def _examine_api_key_params(view: ServerView, found: Findings) -> None:
    """The API key sent as a parameter (``apiKey``, ``api_key``, ...): it then sits inside
    the signed payload, where the server does not look for it."""
    for seg in view.pairs:
        if seg.name is not None and seg.name.lower() in API_KEY_PARAMS:
            found.add(
                "API_KEY_IN_PAYLOAD",
                f"The API key is sent as the parameter `{seg.name}`, inside the signed payload.",
                f"{REQUEST_SHOWS}: a parameter named `{seg.name}`.",
            )


def _examine_body(view: ServerView, found: Findings, notes: list[str]) -> None:
    """The body: the server reads parameters only from a form body, so a JSON body, a body
    without the form content type, or a GET's body brings none."""
    content_type = view.sent.content_type
    if view.body_status == "json":
        inside = view.json_data if isinstance(view.json_data, dict) else {}
        has = [name for name in ("timestamp", "signature") if name in inside]
        found.add(
            "JSON_BODY",
            "The body is JSON"
            + (f" (with {' and '.join(f'`{n}`' for n in has)} inside it)" if has else "")
            + ": the local exchange reads no parameters from it.",
            f"{REQUEST_SHOWS}: Content-Type `{content_type or '(none)'}` and a JSON body.",
        )
    elif view.body_status == "form" and isinstance(view.json_data, (dict, list)):
        found.add(
            "JSON_BODY",
            "The body is JSON sent as a form: it is read as one odd parameter, the whole JSON "
            "text, and none of the fields inside it.",
            f"{REQUEST_SHOWS}: a JSON body under Content-Type `{content_type}`.",
        )
    elif view.body_status == "not-form":
        found.add(
            "FORM_CONTENT_TYPE_MISSING",
            "The body is sent with "
            + (f"Content-Type `{content_type}`" if content_type else "no Content-Type")
            + ", so the server ignores it: its parameters, and any signature in it, never "
            "arrive.",
            f"{REQUEST_SHOWS}: a body without `Content-Type: {wire.FORM_CONTENT_TYPE}`.",
        )
    elif view.body_status == "get":
        notes.append("the body of a GET request is ignored: GET parameters go in the query")


def _examine_raw_bytes(view: ServerView, found: Findings) -> None:
    """Syntax (-1100): raw non-ASCII bytes, spaces or control characters in the query or
    the form body, and whatever else stops the server reading a parameter."""
    raw_parts = [("query", view.sent.query)]
    if view.body_status == "form":
        raw_parts.append(("body", view.sent.body))
    for label, raw in raw_parts:
        non_ascii = [b for b in raw if b >= 0x80]
        if non_ascii:
            found.add(
                "NON_ASCII_UNENCODED",
                f"The {label} carries raw non-ASCII bytes "
                f"(`{raw.decode('utf-8', 'backslashreplace')[:60]}`): it was never "
                "percent-encoded, so the local exchange refuses it before the signature check.",
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


def _examine_mojibake(view: ServerView, found: Findings) -> None:
    """``×tamp=`` where ``&timestamp=`` was meant: an HTML page decoded ``&times`` as an
    entity. Evidence only where the parameter it would restore is indeed missing."""
    present = {seg.name for seg in view.pairs}
    for seg in view.pairs:
        for text in (seg.name or "", seg.value or ""):
            hit = _mojibake_in(text)
            if hit and hit.param not in present:
                found.add(
                    "HTML_ENTITY_MOJIBAKE",
                    f"The request contains `{hit.seen}`: that is `{hit.restored}` after an HTML "
                    f"page decoded `{hit.entity}` as the entity for `{hit.seen[0]}`. The "
                    f"parameter `{hit.param}` is gone, swallowed by `{seg.name}`.",
                    f"{REQUEST_SHOWS}: `{hit.seen}` is exactly what HTML entity decoding makes "
                    f"of `{hit.restored}`, and no `{hit.param}` parameter is sent.",
                )


def _examine_mandatory(view: ServerView, found: Findings) -> None:
    """Mandatory ``timestamp`` and ``signature`` (-1102), unless an ignored body (JSON, not
    a form, a GET's) already says why they did not arrive."""
    in_ignored_body = view.body_status in ("json", "not-form", "get")
    body_text = view.sent.body.decode("utf-8", "replace")
    timestamp = view.params.get("timestamp")
    if timestamp is None:
        if not in_ignored_body or "timestamp" not in body_text:
            found.add(
                "MISSING_TIMESTAMP",
                "No `timestamp` parameter arrives at the server.",
                f"{REQUEST_SHOWS}: no parameter named `timestamp` in the query string"
                + (" or the form body." if view.body_status == "form" else "."),
            )
    elif not wire.TIMESTAMP_FORMAT.fullmatch(timestamp):
        found.add(
            "MISSING_TIMESTAMP",
            f"`timestamp` is {timestamp[:40]!r}, not 1 to 20 digits.",
            f"{REQUEST_SHOWS}: the value of `timestamp`.",
        )
    if not view.signatures or not view.signatures[0]:
        elsewhere = [name for name, _ in (view.sent.headers or ()) if "signature" in name.lower()]
        if not in_ignored_body or "signature" not in body_text:
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


def _examine_repeats(view: ServerView, found: Findings) -> None:
    """Duplicates (-1101) and empty values (-1105), in the query string and the body."""
    for label, segs in (("query string", view.query), ("body", view.body)):
        _examine_names_twice(label, segs, found)
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


def _examine_names_twice(label: str, segs: list[Segment], found: Findings) -> None:
    """A name sent twice in one part: with different values, a list sent as repeated keys;
    with the same value, a plain duplicate. Both are refused (-1101)."""
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


def _examine_values(view: ServerView, found: Findings) -> None:
    """Values the endpoint refuses: a decimal in scientific notation (``1e-05``), a
    boolean capitalised (``True``)."""
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


def _plain(text: str) -> str:
    """A decimal in scientific notation written out plain (``1e-05`` → ``0.00001``)."""
    from decimal import Decimal, InvalidOperation

    try:
        return format(Decimal(text), "f")
    except InvalidOperation:
        return text
