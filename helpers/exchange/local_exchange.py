"""``LocalExchange``: the local stand-in for Binance's signed-request checks.

It holds what a running exchange has — the keys registered under API keys, the clock,
the verdicts so far, the simulated WebSocket session — and runs a request through the
steps in order: route (``endpoints``) → parse (``parse``) → checks (``checks``) → verify
the signature with the registered key (``keys``; on a mismatch ``mismatch`` explains) →
the endpoint. ``_handle`` never raises: every outcome is a reply and a ``Verdict``, a
refusal with Binance's JSON error (REST API, "Request security"; errors.md). It serves
over real HTTP on 127.0.0.1 (``http_server``) from a background thread (``with``) or the
calling thread (the command line); ``handle_ws`` judges WebSocket API requests without
a socket (``websocket_api``).

Nothing reads the wall clock except the default clock, ``wall_clock_ms``: pass ``clock=``
to pin time.
"""

import threading
import time
from collections import deque
from collections.abc import Callable, Mapping

from helpers.examples import EXAMPLE_API_KEY, EXAMPLE_SECRET_KEY
from helpers.exchange.checks import (
    _check_api_key,
    _check_duplicates,
    _check_empty,
    _check_mandatory,
    _check_syntax,
    _check_timing,
    _merge,
    _recv_window_us,
)
from helpers.exchange.endpoints import _Call, _route
from helpers.exchange.http_server import _Server
from helpers.exchange.mismatch import _mismatch_detail
from helpers.exchange.parse import _parts
from helpers.exchange.refusal import _Refusal
from helpers.exchange.verdict import (
    CHECK_INTERNAL,
    CHECK_OK,
    CHECK_SIGNATURE,
    Verdict,
    _Request,
    _Trace,
)
from helpers.exchange.websocket_api import _judge_ws, _parse_ws
from helpers.exchange.wire import (
    API_KEY_FORMAT,
    HOST,
    KIT_VERDICT_PATH,
    MAX_VERDICTS,
    MSG_BAD_SIGNATURE,
    MSG_UNKNOWN,
    _shown,
)
from helpers.verify import HmacKey


def wall_clock_ms() -> int:
    """The default clock: wall-clock time in integer milliseconds since the epoch."""
    return time.time_ns() // 1_000_000


class LocalExchange:
    """A local model of Binance's signed-request checks, served over real HTTP on 127.0.0.1.

    ``keys`` maps API key → key object (``HmacKey``, ``Ed25519Key``, ``RsaKey``; anything
    with ``kind`` and ``verify(payload, signature)``); by default Binance's documented
    example HMAC pair is registered. ``clock`` returns the server time in integer
    milliseconds (default: the wall clock); pin it, e.g. ``clock=lambda: 1499827320000``,
    for deterministic output.
    ``port=0`` picks a free port. ``log``, if given, is called with one line per request
    (the command line passes a stderr printer; the ``with`` form logs nothing).
    """

    socket_timeout: float = 5.0  # seconds a client may stay silent mid-request

    def __init__(
        self,
        *,
        keys: Mapping[str, object] | None = None,
        clock: Callable[[], int] | None = None,
        port: int = 0,
        log: Callable[[str], None] | None = None,
    ) -> None:
        if clock is not None and not callable(clock):
            raise TypeError("clock: expected a function returning integer milliseconds")
        if isinstance(port, bool) or not isinstance(port, int) or not 0 <= port <= 65535:
            raise ValueError(f"port: expected an int from 0 to 65535, got {port!r}")
        self._clock = clock if clock is not None else wall_clock_ms
        self._port = port
        self._log = log
        self._lock = threading.Lock()
        self._keys: dict[str, object] = {}
        self._verdicts: deque[Verdict] = deque(maxlen=MAX_VERDICTS)
        self._orders: dict[str, list[dict[str, object]]] = {}
        self._next_order_id = 1
        # The one simulated WebSocket connection: when it "opened" and who logged on.
        self._ws_connected_since: int | None = None
        self._ws_session: tuple[str, int] | None = None  # (API key, authorizedSince)
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None
        if keys is None:
            keys = {EXAMPLE_API_KEY: HmacKey(EXAMPLE_SECRET_KEY)}
        for api_key, key in keys.items():
            self.register_key(api_key, key)

    # Keys and time

    def register_key(self, api_key: str, key: object) -> None:
        """Accept requests whose ``X-MBX-APIKEY`` is ``api_key``, verified with ``key``."""
        if not isinstance(api_key, str) or not API_KEY_FORMAT.fullmatch(api_key):
            raise ValueError(
                "api_key: expected 1 to 128 ASCII letters and digits (the format this model "
                "accepts in the X-MBX-APIKEY header)"
            )
        if not isinstance(getattr(key, "kind", None), str) or not callable(
            getattr(key, "verify", None)
        ):
            raise TypeError(
                "key: expected a key object: HmacKey(secret), Ed25519Key(public_key) or "
                "RsaKey(public_key)"
            )
        with self._lock:
            self._keys[api_key] = key

    def _now_ms(self) -> int:
        value = self._clock()
        if isinstance(value, bool) or not isinstance(value, int):
            raise TypeError(f"clock returned {value!r}; expected integer milliseconds")
        return value

    # Verdicts

    @property
    def last_verdict(self) -> Verdict | None:
        """The verdict on the latest handled request (``None`` before the first)."""
        with self._lock:
            return self._verdicts[-1] if self._verdicts else None

    @property
    def verdicts(self) -> list[Verdict]:
        """Every verdict so far, oldest first (the latest 10,000)."""
        with self._lock:
            return list(self._verdicts)

    def _record(self, verdict: Verdict) -> None:
        with self._lock:
            self._verdicts.append(verdict)
        code = "-" if verdict.code is None else str(verdict.code)
        self._log_line(f"{verdict.method} {_shown(verdict.target)} {verdict.status} {code}")

    def _log_line(self, line: str) -> None:
        if self._log is not None:
            self._log(line)

    # Judging one request

    def _handle(self, request: _Request, refusal: _Refusal | None = None) -> tuple[int, object]:
        """Judge ``request`` (or record ``refusal`` from the HTTP layer); never raises."""
        if refusal is None and request.method == "GET" and request.path == KIT_VERDICT_PATH:
            last = self.last_verdict
            return 200, None if last is None else last.to_dict()
        trace = _Trace(request)
        try:
            if refusal is not None:
                raise refusal
            status, data = self._judge(request, trace)
            detail = (
                "no checks: security type NONE"
                if trace.security == "NONE"
                else "accepted: API key, parameters, timing and signature all passed"
            )
            verdict = trace.verdict(status, None, None, CHECK_OK, detail)
        except _Refusal as exc:
            status, data = exc.status, {"code": exc.code, "msg": exc.msg}
            verdict = trace.verdict(exc.status, exc.code, exc.msg, exc.check, exc.detail)
        except Exception as exc:  # the catch-all: a bug here is a 400, never a 5xx
            status, data = 400, {"code": -1000, "msg": MSG_UNKNOWN}
            detail = f"unexpected {type(exc).__name__} in the server: {exc}"
            verdict = trace.verdict(400, -1000, MSG_UNKNOWN, CHECK_INTERNAL, detail)
        self._record(verdict)
        return status, data

    def _judge(self, request: _Request, trace: _Trace) -> tuple[int, object]:
        """Route, then the checks in order (see ``checks``), then the endpoint."""
        endpoint = _route(request.method, request.path)
        trace.security = endpoint.security
        if endpoint.security == "NONE":
            return 200, endpoint.run(self, None)

        query, body = _parts(request, trace.notes)
        signatures = query.signatures + body.signatures
        trace.payload = query.payload + body.payload
        trace.signature = signatures[0] if signatures else None

        api_key, key = _check_api_key(self._keys, request.api_keys)
        trace.key_kind = key.kind
        _check_syntax((query, body))
        params = _merge(query, body, trace.notes)
        _check_mandatory(params, signatures)
        _check_duplicates((query, body), signatures)
        _check_empty((query, body))
        recv_window_us = _recv_window_us(params)
        trace.server_time = self._now_ms()
        _check_timing(params["timestamp"], recv_window_us, trace.server_time)
        if not key.verify(trace.payload, signatures[0]):
            raise _Refusal(
                -1022,
                MSG_BAD_SIGNATURE,
                CHECK_SIGNATURE,
                _mismatch_detail(key, trace.payload, signatures[0], decoded=True),
            )
        return 200, endpoint.run(self, _Call(params, api_key, trace.server_time))

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
        trace = _Trace(_Request(method="WS", target="(unread)", body=raw))
        request_id: object = None
        try:
            request_id, method, params = _parse_ws(raw)
            trace.request = _Request(method="WS", target=_shown(method, 80), body=raw)
            result = _judge_ws(self, method, params, trace)
            if trace.security == "NONE":
                detail = "no checks: security type NONE"
            elif trace.signature is None:
                detail = "accepted: the session's API key, parameters and timing passed"
            else:
                detail = "accepted: API key, parameters, timing and signature all passed"
            verdict = trace.verdict(200, None, None, CHECK_OK, detail)
            response: dict[str, object] = {"id": request_id, "status": 200, "result": result}
        except _Refusal as exc:
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

    # Serving

    @property
    def port(self) -> int:
        if self._server is None:
            raise RuntimeError("the exchange is not running: use `with LocalExchange() as ex:`")
        return self._server.server_address[1]

    @property
    def base_url(self) -> str:
        """``http://127.0.0.1:PORT`` while running."""
        return f"http://{HOST}:{self.port}"

    def _bind(self) -> "_Server":
        if self._server is not None:
            raise RuntimeError("the exchange is already running")
        self._server = _Server(self, self._port)
        return self._server

    def start(self) -> "LocalExchange":
        """Serve from a background thread until ``stop()``."""
        server = self._bind()
        self._thread = threading.Thread(
            target=server.serve_forever,
            kwargs={"poll_interval": 0.05},
            name=f"LocalExchange:{self.port}",
            daemon=True,
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving and close the listening socket."""
        server, thread = self._server, self._thread
        if server is None:
            return
        server.shutdown()
        server.server_close()
        if thread is not None:
            thread.join()
        self._server = self._thread = None

    def serve_forever(self, on_ready: Callable[[str], None] | None = None) -> None:
        """Serve in the calling thread until interrupted (the command line's way)."""
        server = self._bind()
        try:
            if on_ready is not None:
                on_ready(self.base_url)
            server.serve_forever(poll_interval=0.2)
        finally:
            server.server_close()
            self._server = None

    def __enter__(self) -> "LocalExchange":
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    def __repr__(self) -> str:
        where = self.base_url if self._server is not None else "not running"
        kinds = ", ".join(sorted({getattr(k, "kind", "?") for k in self._keys.values()}))
        return f"LocalExchange({where}, {len(self._keys)} key(s): {kinds or 'none'})"
