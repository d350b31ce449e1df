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
from typing import TYPE_CHECKING, NamedTuple

from helpers.exchange import user_data
from helpers.exchange.checks import (
    empty_refusal,
    judge_key_access,
    judge_mandatory,
    judge_timing,
    recv_window_us,
)
from helpers.exchange.endpoints import judge_order
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
from helpers.exchange.products import judge_key
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
    user_data.SIGNED_SUBSCRIBE: "USER_STREAM",  # user_data: the subscription methods
    **dict.fromkeys(user_data.UNSIGNED, "UNSIGNED"),
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
        "userDataStream": bool(state.ws_subscription_ids()),
    }


class WsParams(NamedTuple):
    """One request's params as the server reads them (``read_params``)."""

    texts: list[tuple[str, str]]  # (name, text as signed), in the order received
    params: dict[str, str]  # by name
    signatures: tuple[str, ...]  # every ``signature`` value sent
    duplicate: str | None  # the first name sent twice
    problem: Refusal | None  # the first value the server cannot read (-1100)


class WsCaller(NamedTuple):
    """Who sent the request: the API key, its registered key, and whether the session
    (``session.logon``) authorizes it instead of an ``apiKey`` and a ``signature``."""

    api_key: str
    key: object
    by_session: bool


def read_params(pairs: list[tuple[str, object]]) -> WsParams:
    """Each param's text as the server signs it (``ws_text``). A value it cannot read is kept
    as ``problem``, refused at the syntax check, after the API key's."""
    texts: list[tuple[str, str]] = []
    problem: Refusal | None = None
    for param, value in pairs:
        try:
            texts.append((param, ws_text(param, value)))
        except Refusal as exc:
            problem = problem or exc
    signatures = tuple(text for param, text in texts if param == "signature")
    duplicate = _first_duplicate([param for param, _ in texts])
    return WsParams(texts, dict(texts), signatures, duplicate, problem)


def _ws_method(method: str) -> tuple[str, str]:
    """The method's name (``v3/`` prefix dropped) and its security type; -1020 for a method
    this model does not answer."""
    name = method.removeprefix(_WS_VERSION_PREFIX)
    user_data.judge_retired(name)
    security = _WS_METHODS.get(name)
    if security is None:
        raise Refusal(
            -1020,
            MSG_UNSUPPORTED,
            CHECK_ROUTE,
            f"this model answers {', '.join(_WS_METHODS)}, not {shown(method, 40)!r}",
        )
    return name, security


def _caller(state: "ExchangeState", name: str, read: WsParams, trace: Trace) -> WsCaller:
    """The session's key for an ``order.*`` request without ``apiKey`` and ``signature``
    after ``session.logon``; the ``apiKey`` param's key otherwise (-1102, -2014, -2015)."""
    session = state.ws_session
    if (
        name not in ("session.logon", user_data.SIGNED_SUBSCRIBE)  # these sign, always
        and "apiKey" not in read.params
        and not read.signatures
        and session is not None
    ):
        key = state.key_for(session[0])
        if key is None:  # revoked since logon
            state.ws_logout()
            raise Refusal(-2015, MSG_REJECTED_KEY, CHECK_API_KEY, "the session's API key is gone")
        trace.notes.append(
            "authorized by the session (session.logon): no apiKey or signature needed"
        )
        return WsCaller(session[0], key, by_session=True)
    if "apiKey" not in read.params or not read.params["apiKey"]:
        raise Refusal(
            -1102,
            mandatory("apiKey"),
            CHECK_API_KEY,
            "no apiKey parameter: on the WebSocket API the key is a parameter "
            "(there are no headers), and it is part of the signed payload",
        )
    try:
        api_key, key = judge_key(state, (read.params["apiKey"],))
    except Refusal as exc:
        exc.detail = exc.detail.replace(f"the {API_KEY_HEADER} value", "apiKey")
        raise
    return WsCaller(api_key, key, by_session=False)


def _judge_params(read: WsParams, by_session: bool) -> None:
    """The REST checks on the params, in the REST order: syntax (-1100), mandatory (-1102),
    duplicates (-1101), empty values (-1105)."""
    if read.problem is not None:
        raise read.problem
    names = [param for param, _ in read.texts]
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
    judge_mandatory(read.params, ("(session)",) if by_session else read.signatures)
    if read.duplicate is not None:
        raise Refusal(
            -1101,
            MSG_DUPLICATE,
            CHECK_DUPLICATE,
            f"{shown(read.duplicate, 40)!r} appears twice in params",
        )
    for param, text in read.texts:
        if text == "":
            raise empty_refusal(param, "is empty or null")


def _judge_signature(name: str, key: object, payload: bytes, signature: str) -> None:
    """``session.logon`` takes Ed25519 keys only; then the signature over the payload
    (-1022 for either)."""
    if name == "session.logon" and key.kind != ED25519:
        raise Refusal(
            -1022,
            MSG_BAD_SIGNATURE,
            CHECK_KEY_TYPE,
            f"session.logon accepts Ed25519 keys only (WebSocket API, Authentication "
            f"requests); this API key is an {key.kind} key. Sign each request with "
            "apiKey and signature instead, or log on with an Ed25519 key",
        )
    if not key.verify(payload, signature):
        raise Refusal(
            -1022,
            MSG_BAD_SIGNATURE,
            CHECK_SIGNATURE,
            mismatch_detail(
                key,
                payload,
                signature,
                decoded=False,
                rule=" (params sorted by name, values raw, signature left out)",
            ),
        )


def _run_method(
    state: "ExchangeState", name: str, api_key: str, params: dict[str, str], now: int
) -> object:
    """What an accepted signed request does: log on, test an order, or place it."""
    if name == "session.logon":
        state.ws_logon(api_key, now)
        return _ws_status(state, now)
    if name == user_data.SIGNED_SUBSCRIBE:
        return user_data.subscribe(state, api_key)
    judge_order(params)
    if name == "order.test":
        return {}
    return state.orders.place(api_key, params, now)


def judge_ws(
    state: "ExchangeState", method: str, pairs: list[tuple[str, object]], trace: Trace
) -> object:
    """One request's method, then the REST checks in the REST order, then the signature and
    the order fields; the ``result`` on success, a ``Refusal`` otherwise. ``state`` holds
    the keys, the clock and the one simulated connection's session."""
    name, security = _ws_method(method)
    trace.security = security
    now = state.now_ms()
    state.ws_connect(now)
    if security == "UNSIGNED":
        return user_data.run_unsigned(state, name, read_params(pairs).params, trace)
    if security == "NONE":
        trace.server_time = now
        if name == "session.logout":
            state.ws_logout()
        return _ws_status(state, now)

    read = read_params(pairs)
    trace.payload = ws_payload_bytes(read.texts)
    trace.signature = read.signatures[0] if read.signatures else None
    caller = _caller(state, name, read, trace)
    trace.key_kind = caller.key.kind
    judge_key_access(state.access_for(caller.api_key), security, HOST)  # handle_ws: a local client
    _judge_params(read, caller.by_session)
    window_us = recv_window_us(read.params)
    trace.server_time = now
    judge_timing(read.params["timestamp"], window_us, now)
    if not caller.by_session:
        _judge_signature(name, caller.key, trace.payload, read.signatures[0])
    return _run_method(state, name, caller.api_key, read.params, now)
