"""Step 2: the checks a SIGNED request must pass, one function each, in the exchange's order.

API key header (-2014, -2015) → parameter syntax (-1100) → mandatory ``timestamp`` and
``signature`` (-1102) → duplicates within a part (-1101) → empty values (-1105) →
``recvWindow`` (-1100, -1102) → timing (-1021). Each refuses with Binance's code and message
(errors.md); the rules come from REST API, "Endpoint security type" (the key travels in the
``X-MBX-APIKEY`` header), "SIGNED (TRADE and USER_DATA) Endpoint security" and "Timing
security". The signature itself is step 3 (``keys``). The WebSocket API
(``websocket_api``) runs the same checks on its params.
"""

from collections.abc import Mapping

from helpers.exchange.parse import Part
from helpers.exchange.refusal import _Refusal
from helpers.exchange.verdict import (
    CHECK_API_KEY,
    CHECK_DUPLICATE,
    CHECK_EMPTY,
    CHECK_MANDATORY,
    CHECK_RECV_WINDOW,
    CHECK_SYNTAX,
    CHECK_TIMESTAMP,
)
from helpers.exchange.wire import (
    AHEAD_LIMIT_MS,
    API_KEY_FORMAT,
    API_KEY_HEADER,
    DEFAULT_RECV_WINDOW_MS,
    MAX_RECV_WINDOW_MS,
    MICROSECOND_TIMESTAMP_MIN,
    MSG_AHEAD,
    MSG_BAD_KEY_FORMAT,
    MSG_DUPLICATE,
    MSG_ILLEGAL_CHARS,
    MSG_OUTSIDE_WINDOW,
    MSG_REJECTED_KEY,
    RECV_WINDOW_FORMAT,
    RECV_WINDOW_LEGAL_RANGE,
    TIMESTAMP_FORMAT,
    _mandatory,
    _shown,
    ms_text,
)


def _check_api_key(keys: Mapping[str, object], values: tuple[str, ...]) -> tuple[str, object]:
    """REST API, Endpoint security type: the key travels in the ``X-MBX-APIKEY`` header.

    ``values`` are the header's values as received; ``keys`` maps API key → registered key.
    """
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
    key = keys.get(value)
    if key is None:
        raise _Refusal(
            -2015,
            MSG_REJECTED_KEY,
            CHECK_API_KEY,
            "no key is registered under this API key",
        )
    return value, key


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
            f"timestamp {timestamp} ({unit}) is {ms_text(timestamp_us - server_us)} ms ahead of "
            f"server time {server_time_ms}; it must be less than {AHEAD_LIMIT_MS} ms ahead",
        )
    if server_us - timestamp_us > recv_window_us:
        hint = " (a timestamp in seconds?)" if value < 10**11 else ""
        raise _Refusal(
            -1021,
            MSG_OUTSIDE_WINDOW,
            CHECK_TIMESTAMP,
            f"timestamp {timestamp} ({unit}) is {ms_text(server_us - timestamp_us)} ms behind "
            f"server time {server_time_ms}; recvWindow allows {ms_text(recv_window_us)} ms{hint}",
        )
