"""Step 2: the checks a SIGNED request must pass, one ``judge_*`` each, in the exchange's order.

API key header (-2014, -2015) → parameter syntax (-1100) → mandatory ``timestamp`` and
``signature`` (-1102) → duplicates within a part (-1101) → empty values (-1105) →
``recvWindow`` (-1100, -1102) → timing (-1021). Each refuses with Binance's code and message
(errors.md); the rules come from rest-api.md → "Request Security" → "SIGNED Endpoint
security" and "Timing security" (the key travels in the ``X-MBX-APIKEY`` header: "SIGNED
Endpoint Examples for POST /api/v3/order"); the rules themselves (header, formats, limits,
the timing rule) are ``helpers.wire``'s. The signature itself is step 3
(``helpers.verify``). The WebSocket API (``websocket_api``) runs the same checks on its
params.
"""

import ipaddress
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

from helpers import wire
from helpers.exchange.messages import (
    MSG_AHEAD,
    MSG_BAD_KEY_FORMAT,
    MSG_DUPLICATE,
    MSG_ILLEGAL_CHARS,
    MSG_OUTSIDE_WINDOW,
    MSG_REJECTED_KEY,
    mandatory,
    shown,
)
from helpers.exchange.parse import Part
from helpers.exchange.refusal import Refusal
from helpers.exchange.verdict import (
    CHECK_API_KEY,
    CHECK_DUPLICATE,
    CHECK_EMPTY,
    CHECK_MANDATORY,
    CHECK_RECV_WINDOW,
    CHECK_SYNTAX,
    CHECK_TIMESTAMP,
)

if TYPE_CHECKING:
    from helpers.exchange.state import KeyAccess


def judge_api_key(
    key_for: Callable[[str], object | None], values: tuple[str, ...]
) -> tuple[str, object]:
    """The key travels in the ``X-MBX-APIKEY`` header (rest-api.md, "SIGNED Endpoint
    Examples for POST /api/v3/order").

    ``values`` are the header's values as received; ``key_for`` returns the key registered
    under an API key, or ``None`` (``ExchangeState.key_for``).
    """
    if not values:
        raise Refusal(
            -2014,
            MSG_BAD_KEY_FORMAT,
            CHECK_API_KEY,
            f"no {wire.API_KEY_HEADER} header: the API key travels in this header",
        )
    if len(values) > 1:
        raise Refusal(
            -2014,
            MSG_BAD_KEY_FORMAT,
            CHECK_API_KEY,
            f"{wire.API_KEY_HEADER} sent {len(values)} times",
        )
    value = values[0]
    if not wire.API_KEY_FORMAT.fullmatch(value):
        bad = next((c for c in value if not c.isascii() or not c.isalnum()), None)
        what = "is empty" if not value else f"has {len(value)} characters"
        if bad is not None:
            what += f" including {bad!r} at position {value.index(bad)}"
        raise Refusal(
            -2014,
            MSG_BAD_KEY_FORMAT,
            CHECK_API_KEY,
            f"the {wire.API_KEY_HEADER} value {what}; expected 1 to 128 letters and digits "
            "(whitespace or quotes from copy-paste?)",
        )
    key = key_for(value)
    if key is None:
        raise rejected_key("no key is registered under this API key")
    return value, key


def rejected_key(why: str) -> Refusal:
    """-2015 "Invalid API-key, IP, or permissions for action.", with the model's reason."""
    return Refusal(-2015, MSG_REJECTED_KEY, CHECK_API_KEY, why)


def judge_key_access(access: "KeyAccess | None", security: str, peer: str | None) -> None:
    """The key's IP restriction, then its permissions: -2015 for either (rest-api.md →
    "Request Security": "API keys can be configured to allow access only to certain types
    of secure endpoints"; errors.md: -2015 "Invalid API-key, IP, or permissions for
    action."). Which is checked first is the model's choice: the docs give one message."""
    if access is None:
        return
    if access.allowed_ips is not None:
        try:
            address = str(ipaddress.ip_address(peer or ""))
        except ValueError:
            address = None
        if address not in access.allowed_ips:
            listed = ", ".join(sorted(access.allowed_ips)) or "no address"
            raise rejected_key(
                f"this API key may be used from {listed} only; the request came from "
                f"{address or 'an unknown address'} (the key's IP restriction)"
            )
    if security in ("TRADE", "USER_DATA") and security not in access.permissions:
        granted = ", ".join(sorted(access.permissions)) or "none"
        raise rejected_key(
            f"this endpoint's security type is {security}, and this API key has no {security} "
            f"permission (it has: {granted}); enable it in API Management"
        )


def judge_syntax(parts: tuple[Part, ...]) -> None:
    """-1100 for the first syntax problem ``parse`` found in a part (e.g. a raw byte)."""
    for part in parts:
        if part.problem:
            raise Refusal(-1100, MSG_ILLEGAL_CHARS, CHECK_SYNTAX, part.problem)


def _first_values(part: Part) -> dict[str, str]:
    values: dict[str, str] = {}
    for name, value in part.pairs:
        values.setdefault(name, value)
    return values


def merge_params(query: Part, body: Part, notes: list[str]) -> dict[str, str]:
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


def judge_mandatory(params: Mapping[str, str], signatures: tuple[str, ...]) -> None:
    """SIGNED endpoints need ``timestamp`` and ``signature`` (REST API, Request security)."""
    timestamp = params.get("timestamp")
    if timestamp is None:
        raise Refusal(-1102, mandatory("timestamp"), CHECK_MANDATORY, "no timestamp sent")
    if not wire.TIMESTAMP_FORMAT.fullmatch(timestamp):
        raise Refusal(
            -1102,
            mandatory("timestamp"),
            CHECK_MANDATORY,
            f"timestamp {shown(timestamp, 40)!r} is not 1 to 20 digits of milliseconds "
            "(or microseconds) since the epoch",
        )
    if not signatures or not signatures[0]:
        raise Refusal(
            -1102,
            mandatory("signature"),
            CHECK_MANDATORY,
            "no signature sent" if not signatures else "the signature is empty",
        )


def judge_duplicates(parts: tuple[Part, ...], signatures: tuple[str, ...]) -> None:
    """-1101 for a name sent twice within the query string or the body, or two signatures."""
    for part in parts:
        seen: set[str] = set()
        for name, _ in part.pairs:
            if name in seen:
                raise Refusal(
                    -1101,
                    MSG_DUPLICATE,
                    CHECK_DUPLICATE,
                    f"{shown(name, 40)!r} appears twice in the {part.label}",
                )
            seen.add(name)
    if len(signatures) > 1:
        raise Refusal(
            -1101, MSG_DUPLICATE, CHECK_DUPLICATE, f"signature sent {len(signatures)} times"
        )


def empty_refusal(name: str, where: str) -> Refusal:
    """-1105 for parameter ``name`` sent empty; ``where`` says how (for the learner)."""
    quoted = shown(name, 40)
    detail = f"{quoted!r} {where}: leave it out instead"
    return Refusal(-1105, f"Parameter '{quoted}' was empty.", CHECK_EMPTY, detail)


def judge_empty(parts: tuple[Part, ...]) -> None:
    """-1105 for the first parameter sent with an empty value."""
    for part in parts:
        for name, value in part.pairs:
            if value == "":
                raise empty_refusal(name, f"in the {part.label} has an empty value")


def recv_window_us(params: Mapping[str, str]) -> int:
    """``recvWindow`` in microseconds: default 5000 ms, at most 60000 ms, 3 decimals."""
    text = params.get("recvWindow")
    if text is None:
        return wire.DEFAULT_RECV_WINDOW_MS * 1000
    micros = wire.parse_recv_window(text)
    if micros is None:
        raise Refusal(
            -1100,
            f"Illegal characters found in parameter 'recvWindow'; legal range is "
            f"'{wire.RECV_WINDOW_LEGAL_RANGE}'.",
            CHECK_RECV_WINDOW,
            f"recvWindow {shown(text, 40)!r} is not milliseconds with up to 3 decimals",
        )
    if micros > wire.MAX_RECV_WINDOW_MS * 1000:
        raise Refusal(
            -1102,
            f"'recvWindow' contains unexpected value. Cannot be greater than "
            f"'{wire.MAX_RECV_WINDOW_MS}'.",
            CHECK_RECV_WINDOW,
            f"recvWindow {text} ms is over the maximum of {wire.MAX_RECV_WINDOW_MS} ms",
        )
    return micros


def judge_timing(timestamp: str, recv_window_us: int, server_time_ms: int) -> None:
    """REST API, Timing security: accept iff ``timestamp < serverTime + 1000`` and
    ``serverTime - timestamp <= recvWindow``; compared exactly, in microseconds
    (``helpers.wire.judge_timing``)."""
    value = int(timestamp)
    stamp_us = wire.timestamp_us(value)
    server_us = server_time_ms * 1000
    reading = wire.timestamp_unit(value)
    # The server reads a seconds value as milliseconds; the hint says why it failed.
    unit = "microseconds" if reading == "microseconds" else "milliseconds"
    outcome = wire.judge_timing(stamp_us, server_us, recv_window_us)
    if outcome == wire.AHEAD:
        raise Refusal(
            -1021,
            MSG_AHEAD,
            CHECK_TIMESTAMP,
            f"timestamp {timestamp} ({unit}) is {wire.ms_text(stamp_us - server_us)} ms ahead of "
            f"server time {server_time_ms}; it must be less than {wire.AHEAD_LIMIT_MS} ms ahead",
        )
    if outcome == wire.BEHIND:
        hint = " (a timestamp in seconds?)" if reading == "seconds" else ""
        raise Refusal(
            -1021,
            MSG_OUTSIDE_WINDOW,
            CHECK_TIMESTAMP,
            f"timestamp {timestamp} ({unit}) is {wire.ms_text(server_us - stamp_us)} ms behind "
            f"server time {server_time_ms}; recvWindow allows "
            f"{wire.ms_text(recv_window_us)} ms{hint}",
        )
