"""The WebSocket API without a socket: one request's JSON text in, its response out.

WebSocket API, "Request format": ``{"id", "method", "params"}``; "Response format":
``{"id", "status", "result"}`` or ``{"id", "status", "error": {"code", "msg"}}``. The
payload is rebuilt from the JSON text received (WebSocket API, "SIGNED request security",
Step 1): every param except ``signature``, ``apiKey`` included, sorted by name,
``name=value`` joined with ``&``, values raw (no percent-encoding) — numbers and booleans as
the literal text they arrived as. Then the REST checks run in the REST order
(``checks``), then the signature, then the order fields. ``session.logon`` accepts Ed25519
keys only (WebSocket API, "Session Authentication"); after it, ``order.*`` requests without
``apiKey`` and ``signature`` are authorized by the session. ``ExchangeCore.handle_ws`` is
the entry point (it keeps the verdict); this module does the reading and the judging.
"""

import json
import re
from typing import TYPE_CHECKING

from helpers.exchange.checks import (
    check_api_key,
    check_key_access,
    check_mandatory,
    check_timing,
    empty_refusal,
    recv_window_us,
)
from helpers.exchange.endpoints import check_order
from helpers.exchange.messages import (
    HOST,
    MSG_BAD_SIGNATURE,
    MSG_DUPLICATE,
    MSG_ILLEGAL_CHARS,
    MSG_INVALID_JSON,
    MSG_REJECTED_KEY,
    MSG_UNSUPPORTED,
    mandatory,
    shown,
)
from helpers.exchange.mismatch import mismatch_detail
from helpers.exchange.parse import CONTROL_CHAR
from helpers.exchange.refusal import Refusal
from helpers.exchange.verdict import (
    CHECK_API_KEY,
    CHECK_DUPLICATE,
    CHECK_KEY_TYPE,
    CHECK_REQUEST,
    CHECK_ROUTE,
    CHECK_SIGNATURE,
    CHECK_SYNTAX,
    Trace,
)
from helpers.key_types import ED25519
from helpers.wire import API_KEY_HEADER, MAX_REQUEST_BYTES

if TYPE_CHECKING:
    from helpers.exchange.state import ExchangeState

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
LONE_SURROGATE = re.compile("[\ud800-\udfff]")


class _JsonNumber(str):
    """A JSON number kept as the literal text it arrived as (``100``, ``0.10``)."""


class _JsonObject(list):
    """A JSON object as its (name, value) pairs in order, so duplicates stay visible."""


def _ws_refusal(detail: str) -> Refusal:
    return Refusal(-1135, MSG_INVALID_JSON, CHECK_REQUEST, detail)


def parse_ws(raw: bytes) -> tuple[object, str, list[tuple[str, object]]]:
    """(id, method, params pairs) of one WebSocket request; a -1135 refusal otherwise.

    A request over ``MAX_REQUEST_BYTES`` (the model's limit, as for REST's query string and
    body; see the assumptions table) is refused before it is parsed; JSON nested deeper
    than Python can read is refused as invalid JSON.
    """
    if len(raw) > MAX_REQUEST_BYTES:
        raise _ws_refusal(
            f"the request is {len(raw)} bytes; this model reads at most {MAX_REQUEST_BYTES} "
            "bytes per WebSocket API request (the limit it applies to a REST query and body)"
        )
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
    except RecursionError:
        raise _ws_refusal("the JSON is nested too deeply to read") from None
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
        raise _ws_refusal('no "method" string in the request')
    params = fields.get("params", _JsonObject())
    if not isinstance(params, _JsonObject):
        raise _ws_refusal('"params" must be a JSON object')
    return request_id, method, list(params)


def ws_text(name: str, value: object) -> str:
    """A parameter value as the server signs it: strings raw, numbers and booleans as the
    literal JSON text they arrived as."""
    if isinstance(value, _JsonNumber):
        return str(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return ""  # judged as empty, like ""
    if isinstance(value, str):
        if LONE_SURROGATE.search(value):
            raise Refusal(
                -1100,
                MSG_ILLEGAL_CHARS,
                CHECK_SYNTAX,
                f"{shown(name, 40)!r} holds a lone surrogate (\\ud800-\\udfff): not a "
                "character UTF-8 can carry",
            )
        if CONTROL_CHAR.search(value):
            raise Refusal(
                -1100,
                MSG_ILLEGAL_CHARS,
                CHECK_SYNTAX,
                f"{shown(name, 40)!r} holds a control character",
            )
        return value
    raise Refusal(
        -1100,
        MSG_ILLEGAL_CHARS,
        CHECK_SYNTAX,
        f"{shown(name, 40)!r} is a JSON array or object; this model reads only strings, "
        "numbers and booleans",
    )


def _first_duplicate(names: list[str]) -> str | None:
    """The first name that appears twice (linear: one pass with a set)."""
    seen: set[str] = set()
    for name in names:
        if name in seen:
            return name
        seen.add(name)
    return None


def ws_payload_bytes(params: list[tuple[str, str]]) -> bytes:
    """WebSocket API, SIGNED request security, Step 1: every param except ``signature``,
    sorted by name, ``name=value`` joined with ``&``, values raw (no percent-encoding)."""
    kept = sorted((name, text) for name, text in params if name != "signature")
    return "&".join(f"{name}={text}" for name, text in kept).encode("utf-8", "surrogatepass")


def _ws_status(state: "ExchangeState", server_time: int) -> dict[str, object]:
    """WebSocket API, "Query session status": the response's fields."""
    api_key, since = state.ws_session or (None, None)
    return {
        "apiKey": api_key,
        "authorizedSince": since,
        "connectedSince": state.ws_connected_since,
        "returnRateLimits": False,
        "serverTime": server_time,
        "userDataStream": False,
    }


def judge_ws(
    state: "ExchangeState", method: str, pairs: list[tuple[str, object]], trace: Trace
) -> object:
    """One request's method, then the REST checks in the REST order, then the signature and
    the order fields; the ``result`` on success, a ``Refusal`` otherwise. ``state`` holds
    the keys, the clock and the one simulated connection's session."""
    name = method.removeprefix(_WS_VERSION_PREFIX)
    security = _WS_METHODS.get(name)
    if security is None:
        raise Refusal(
            -1020,
            MSG_UNSUPPORTED,
            CHECK_ROUTE,
            f"this model answers {', '.join(_WS_METHODS)}, not {shown(method, 40)!r}",
        )
    trace.security = security
    now = state.now_ms()
    state.ws_connect(now)
    if security == "NONE":
        trace.server_time = now
        if name == "session.logout":
            state.ws_logout()
        return _ws_status(state, now)

    texts: list[tuple[str, str]] = []
    problem: Refusal | None = None  # raised at the syntax check, after the API key's
    for param, value in pairs:
        try:
            texts.append((param, ws_text(param, value)))
        except Refusal as exc:
            problem = problem or exc
    names = [param for param, _ in texts]
    duplicate = _first_duplicate(names)
    params = dict(texts)
    signatures = tuple(text for param, text in texts if param == "signature")
    trace.payload = ws_payload_bytes(texts)
    trace.signature = signatures[0] if signatures else None

    session = state.ws_session
    by_session = (
        name != "session.logon"
        and "apiKey" not in params
        and not signatures
        and session is not None
    )
    if by_session:
        api_key = session[0]
        key = state.key_for(api_key)
        if key is None:  # revoked since logon
            state.ws_logout()
            raise Refusal(-2015, MSG_REJECTED_KEY, CHECK_API_KEY, "the session's API key is gone")
        trace.notes.append(
            "authorized by the session (session.logon): no apiKey or signature needed"
        )
    else:
        if "apiKey" not in params or not params["apiKey"]:
            raise Refusal(
                -1102,
                mandatory("apiKey"),
                CHECK_API_KEY,
                "no apiKey parameter: on the WebSocket API the key is a parameter "
                "(there are no headers), and it is part of the signed payload",
            )
        try:
            api_key, key = check_api_key(state.key_for, (params["apiKey"],))
        except Refusal as exc:
            exc.detail = exc.detail.replace(f"the {API_KEY_HEADER} value", "apiKey")
            raise
    trace.key_kind = key.kind
    check_key_access(state.access_for(api_key), security, HOST)  # handle_ws: a local client

    if problem is not None:
        raise problem
    if any(not n for n in names):
        raise Refusal(-1100, MSG_ILLEGAL_CHARS, CHECK_SYNTAX, "a parameter has an empty name")
    bad_name = next((n for n in names if LONE_SURROGATE.search(n)), None)
    if bad_name is not None:
        raise Refusal(
            -1100,
            MSG_ILLEGAL_CHARS,
            CHECK_SYNTAX,
            f"the parameter name {shown(bad_name, 40)!r} holds a lone surrogate",
        )
    # A session-authorized request needs its timestamp but no signature.
    check_mandatory(params, ("(session)",) if by_session else signatures)
    if duplicate is not None:
        raise Refusal(
            -1101,
            MSG_DUPLICATE,
            CHECK_DUPLICATE,
            f"{shown(duplicate, 40)!r} appears twice in params",
        )
    for param, text in texts:
        if text == "":
            raise empty_refusal(param, "is empty or null")
    window_us = recv_window_us(params)
    trace.server_time = now
    check_timing(params["timestamp"], window_us, now)

    if not by_session:
        if name == "session.logon" and key.kind != ED25519:
            raise Refusal(
                -1022,
                MSG_BAD_SIGNATURE,
                CHECK_KEY_TYPE,
                f"session.logon accepts Ed25519 keys only (WebSocket API, Authentication "
                f"requests); this API key is an {key.kind} key. Sign each request with "
                "apiKey and signature instead, or log on with an Ed25519 key",
            )
        if not key.verify(trace.payload, signatures[0]):
            raise Refusal(
                -1022,
                MSG_BAD_SIGNATURE,
                CHECK_SIGNATURE,
                mismatch_detail(
                    key,
                    trace.payload,
                    signatures[0],
                    decoded=False,
                    rule=" (params sorted by name, values raw, signature left out)",
                ),
            )

    if name == "session.logon":
        state.ws_logon(api_key, now)
        return _ws_status(state, now)
    check_order(params)
    if name == "order.test":
        return {}
    return state.orders.place(api_key, params, now)
