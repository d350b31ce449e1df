"""The exchange's core: a raw request in, a verdict and a reply out — no socket, no thread.

``ExchangeCore.judge(request)`` takes one ``RawRequest`` (method, target, headers, body
bytes, peer) and runs it through the steps in order: route (``endpoints``) → parse
(``parse``) → checks (``checks``) → verify the signature with the registered key
(``helpers.verify``; on a mismatch ``mismatch`` explains) → the endpoint. It returns a
``CoreReply``: the HTTP status, the JSON data, and the ``Verdict`` it recorded in the state.
``ExchangeCore.handle_ws(text)`` does the same for one WebSocket API request
(``websocket_api``). Neither raises for anything a request holds: every outcome is a reply
and a verdict, a refusal with Binance's JSON error (REST API, "Request Security";
errors.md), and a bug in the model is a -1000, never a 5xx.

Everything the core remembers lives in an ``ExchangeState`` (keys, clock, orders, the
WebSocket session, verdicts); the HTTP server (``http_server``) only moves bytes. So the
core runs the same wherever there are no sockets, e.g. in a test::

    core = ExchangeCore(ExchangeState(clock=lambda: 1499827320000))
    reply = core.judge(RawRequest("POST", "/api/v3/order/test?...", headers=(...)))
    reply.status, reply.data, reply.verdict.check
"""

import json
from collections.abc import Callable
from dataclasses import dataclass

from helpers.exchange.checks import (
    judge_duplicates,
    judge_empty,
    judge_key_access,
    judge_mandatory,
    judge_syntax,
    judge_timing,
    merge_params,
    recv_window_us,
)
from helpers.exchange.endpoints import Call, route
from helpers.exchange.messages import (
    JSON_TYPE,
    KIT_VERDICT_PATH,
    MSG_BAD_SIGNATURE,
    MSG_UNKNOWN,
    shown,
)
from helpers.exchange.mismatch import mismatch_detail
from helpers.exchange.parse import request_parts
from helpers.exchange.products import (
    GONE_HTML,
    SPOT,
    USER_STREAM,
    Gone,
    judge_key,
    product_routes,
    retired,
)
from helpers.exchange.refusal import Refusal
from helpers.exchange.state import ExchangeState
from helpers.exchange.verdict import (
    CHECK_INTERNAL,
    CHECK_OK,
    CHECK_ROUTE,
    CHECK_SIGNATURE,
    RawRequest,
    Trace,
    Verdict,
)
from helpers.exchange.websocket_api import judge_ws, parse_ws

_NO_CHECKS = "no checks: security type NONE"
_ALL_PASSED = "accepted: API key, parameters, timing and signature all passed"
_KEY_PASSED = "accepted: the API key passed (USER_STREAM: no signature)"


@dataclass(frozen=True)
class CoreReply:
    """The core's answer to one request: HTTP status, JSON data, and the verdict kept.

    ``verdict`` is ``None`` only for ``GET /kit/last-verdict``, which records nothing.
    ``html`` replaces the JSON body where Binance answers a page, not JSON (HTTP 410 on a
    retired path: ``products``).
    """

    status: int
    data: object
    verdict: Verdict | None
    html: str | None = None

    @property
    def content_type(self) -> str:
        return JSON_TYPE if self.html is None else "text/html"

    def body(self) -> bytes:
        """``data`` as the compact JSON bytes the server sends (or the HTML page)."""
        if self.html is not None:
            return self.html.encode("utf-8")
        return json.dumps(self.data, separators=(",", ":")).encode("utf-8")


class ExchangeCore:
    """Judges requests against ``state``; ``log`` (if given) gets one line per verdict."""

    def __init__(self, state: ExchangeState, *, log: Callable[[str], None] | None = None):
        self.state = state
        self.log = log
        product = state.place[0]
        self.routes = None if product == SPOT else product_routes(product)

    def _record(self, verdict: Verdict) -> None:
        """Keep ``verdict`` and log one line; a failing log never changes the reply."""
        self.state.record(verdict)
        if self.log is not None:
            code = "-" if verdict.code is None else str(verdict.code)
            line = f"{shown(verdict.method, 40)} {shown(verdict.target)} {verdict.status} {code}"
            try:
                self.log(line)
            except Exception:  # noqa: BLE001 - the log's reader is gone: the verdict stands
                pass

    # REST

    def judge(self, request: RawRequest, *, refusal: Refusal | None = None) -> CoreReply:
        """Judge ``request``; never raises for anything the request holds.

        ``refusal``: the HTTP layer already refused the request (too large, malformed,
        stalled); the core only records it as the verdict and turns it into the reply.
        """
        if refusal is None and request.method == "GET" and request.path == KIT_VERDICT_PATH:
            last = self.state.last_verdict
            return CoreReply(200, None if last is None else last.to_dict(), None)
        trace = Trace(request)
        html = None
        try:
            if refusal is not None:
                raise refusal
            status, data = self._judge(request, trace)
            detail = {"NONE": _NO_CHECKS, USER_STREAM: _KEY_PASSED}.get(trace.security, _ALL_PASSED)
            verdict = trace.verdict(status, None, None, CHECK_OK, detail)
        except Refusal as exc:
            status, data = exc.status, {"code": exc.code, "msg": exc.msg}
            verdict = trace.verdict(exc.status, exc.code, exc.msg, exc.check, exc.detail)
        except Gone as exc:  # a retired path: a page, not Binance's JSON
            status, data, html = 410, None, GONE_HTML
            verdict = trace.verdict(410, None, None, CHECK_ROUTE, exc.detail)
        except Exception as exc:  # the catch-all: a bug here is a 400, never a 5xx
            status, data = 400, {"code": -1000, "msg": MSG_UNKNOWN}
            detail = f"unexpected {type(exc).__name__} in the server: {exc}"
            verdict = trace.verdict(400, -1000, MSG_UNKNOWN, CHECK_INTERNAL, detail)
        self._record(verdict)
        return CoreReply(status, data, verdict, html)

    def _judge(self, request: RawRequest, trace: Trace) -> tuple[int, object]:
        """Route, then the checks in order (see ``checks``), then the endpoint."""
        retired(self.state.place[0], request.method, request.path)
        endpoint = route(request.method, request.path, self.routes)
        trace.security = endpoint.security
        if endpoint.security == "NONE":
            return 200, endpoint.run(self.state, None)
        if endpoint.security == USER_STREAM:  # the API key alone (a futures listenKey)
            api_key, key = judge_key(self.state, request.api_keys)
            trace.key_kind = key.kind
            judge_key_access(self.state.access_for(api_key), USER_STREAM, request.peer)
            return 200, endpoint.run(self.state, Call({}, api_key, self.state.now_ms()))

        query, body = request_parts(request, trace.notes)
        signatures = query.signatures + body.signatures
        trace.payload = query.payload + body.payload
        trace.signature = signatures[0] if signatures else None

        api_key, key = judge_key(self.state, request.api_keys)
        trace.key_kind = key.kind
        judge_key_access(self.state.access_for(api_key), endpoint.security, request.peer)
        judge_syntax((query, body))
        params = merge_params(query, body, trace.notes)
        judge_mandatory(params, signatures)
        judge_duplicates((query, body), signatures)
        judge_empty((query, body))
        window_us = recv_window_us(params)
        trace.server_time = self.state.now_ms()
        judge_timing(params["timestamp"], window_us, trace.server_time)
        if not key.verify(trace.payload, signatures[0]):
            raise Refusal(
                -1022,
                MSG_BAD_SIGNATURE,
                CHECK_SIGNATURE,
                mismatch_detail(key, trace.payload, signatures[0], decoded=True),
            )
        return 200, endpoint.run(self.state, Call(params, api_key, trace.server_time))

    # The WebSocket API (one simulated connection, no socket)

    def handle_ws(self, text: str | bytes) -> dict[str, object]:
        """Judge one WebSocket API request given as its JSON text; return the response.

        The response has the WebSocket API's shape: ``{"id", "status", "result"}`` or
        ``{"id", "status", "error": {"code", "msg"}}`` (no ``rateLimits``). Signed methods
        (``order.place``, ``order.test``, ``session.logon``) are checked in the REST order
        — API key, parameters, timing, signature — over the WebSocket payload rebuilt
        from the JSON received (see ``websocket_api``). Every request leaves a
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
        trace = Trace(RawRequest(method="WS", target="(unread)", body=raw))
        request_id: object = None
        try:
            request_id, method, params = parse_ws(raw)
            trace.request = RawRequest(method="WS", target=shown(method, 80), body=raw)
            result = judge_ws(self.state, method, params, trace)
            if trace.security == "NONE":
                detail = _NO_CHECKS
            elif trace.signature is None:
                detail = "accepted: the session's API key, parameters and timing passed"
            else:
                detail = _ALL_PASSED
            verdict = trace.verdict(200, None, None, CHECK_OK, detail)
            response: dict[str, object] = {"id": request_id, "status": 200, "result": result}
        except Refusal as exc:
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
