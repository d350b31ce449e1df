"""The HTTP layer, and nothing else: read the raw request, hand it to the core, write the reply.

``ExchangeServer`` listens on 127.0.0.1 only; its handler reads the request line, the
headers and the body **as bytes** (nothing is decoded or normalised: the signature is
verified over what arrived), builds a ``RawRequest`` with the peer's address, passes it to
``ExchangeCore.judge`` and writes the ``Reply`` as JSON. A request too large is refused from
its Content-Length before the body is read (413); a client that stalls mid-body gets 408.
http.server's own refusals (bad request line, headers) become ``{"code": -1000, ...}``
replies too (errors.md, -1000 UNKNOWN): never a 5xx, never a traceback. One request per
connection (HTTP/1.0, ``Connection: close``); see the assumptions table.
"""

import re
import socketserver
import sys
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from helpers.exchange.core import ExchangeCore, Reply
from helpers.exchange.messages import HOST, HTTP_MESSAGES, MSG_UNKNOWN, MSG_UNSUPPORTED, shown
from helpers.exchange.refusal import Refusal, http_refusal
from helpers.exchange.verdict import CHECK_HTTP, RawRequest
from helpers.wire import MAX_REQUEST_BYTES

_FALLBACK = Reply(400, {"code": -1000, "msg": MSG_UNKNOWN}, None)


class ExchangeServer(ThreadingHTTPServer):
    """Serves ``core`` over HTTP on 127.0.0.1:``port``, one thread per connection.

    ``timeout``: seconds a client may stay silent mid-request. ``log`` gets a line for a
    connection that broke and for http.server's own messages.
    """

    daemon_threads = True
    request_queue_size = 64

    def __init__(
        self,
        core: ExchangeCore,
        port: int,
        *,
        timeout: float,
        log: Callable[[str], None] | None = None,
    ) -> None:
        self.core = core
        self.client_timeout = timeout
        self.log = log
        super().__init__((HOST, port), _Handler)

    def server_bind(self) -> None:
        # HTTPServer.server_bind would look up the host's FQDN (slow without DNS).
        socketserver.TCPServer.server_bind(self)
        self.server_name, self.server_port = HOST, self.server_address[1]

    def handle_error(self, request: object, client_address: object) -> None:
        # A connection that broke mid-reply: one log line, never a traceback.
        exc = sys.exc_info()[1]
        self.log_line(f"connection error: {type(exc).__name__}: {exc}")

    def log_line(self, line: str) -> None:
        if self.log is not None:
            self.log(line)


class _Handler(BaseHTTPRequestHandler):
    """HTTP I/O only: read the raw request, hand it to the core, write the JSON reply."""

    protocol_version = "HTTP/1.0"  # one request per connection
    server_version = "helpers.exchange"
    sys_version = ""
    server: ExchangeServer

    def setup(self) -> None:
        self.timeout = self.server.client_timeout
        super().setup()

    def __getattr__(self, name: str):
        # Every method (GET, POST, PATCH, BREW...) reaches _dispatch; routing answers 405.
        if name.startswith("do_"):
            return self._dispatch
        raise AttributeError(name)

    def _raw_target(self) -> str:
        """The target exactly as on the request line (``self.path`` may be normalised)."""
        words = self.requestline.split()
        return words[1] if len(words) >= 2 else getattr(self, "path", "")

    def _raw_request(self, body: bytes = b"") -> RawRequest:
        headers = getattr(self, "headers", None)
        return RawRequest(
            method=self.command or "",
            target=self._raw_target(),
            headers=tuple(headers.items()) if headers is not None else (),
            body=body,
            peer=self.client_address[0] if self.client_address else None,
        )

    def _dispatch(self) -> None:
        try:
            refusal = None
            try:
                body = self._read_body()
            except Refusal as exc:
                body, refusal = b"", exc
            reply = self.server.core.judge(self._raw_request(body), refusal=refusal)
        except Exception:  # last line of defence: judge itself never raises
            reply = _FALLBACK
        self._respond(reply)

    def _read_body(self) -> bytes:
        """Read the body, refusing early: size from Content-Length, before reading it."""
        if self.headers.get("Transfer-Encoding") is not None:
            raise http_refusal(411, "Transfer-Encoding sent")
        lengths = {value.strip() for value in self.headers.get_all("Content-Length") or ()}
        if not lengths:
            return b""
        text = next(iter(lengths))
        if len(lengths) > 1 or not re.fullmatch(r"[0-9]{1,12}", text):
            raise http_refusal(400, "bad or conflicting Content-Length")
        length = int(text)
        query_length = len(self._raw_target().partition("?")[2])
        if query_length + length > MAX_REQUEST_BYTES:
            raise http_refusal(
                413,
                f"query {query_length} + body {length} bytes > {MAX_REQUEST_BYTES}; "
                "the body was not read",
            )
        try:
            body = self.rfile.read(length)
        except TimeoutError:
            raise http_refusal(408, "the body stopped arriving") from None
        if len(body) < length:
            raise http_refusal(400, f"the body ended after {len(body)} of {length} bytes")
        return body

    def send_error(self, code: int, message: str | None = None, explain: str | None = None):
        """http.server's own refusals (bad request line, headers...) as JSON, never 5xx."""
        detail = shown(message or "", 300)
        if code == 501:  # unsupported method: unreachable while __getattr__ routes every do_*
            refusal = Refusal(-1020, MSG_UNSUPPORTED, CHECK_HTTP, detail, status=405)
        else:
            refusal = http_refusal(
                400 if code >= 500 or code not in HTTP_MESSAGES else code, detail
            )
        try:
            reply = self.server.core.judge(self._raw_request(), refusal=refusal)
        except Exception:
            reply = Reply(refusal.status, {"code": refusal.code, "msg": refusal.msg}, None)
        self._respond(reply)

    def _respond(self, reply: Reply) -> None:
        payload = reply.body()
        self.close_connection = True
        if self.request_version in ("", "HTTP/0.9"):
            self.request_version = self.protocol_version  # always send a status line
        try:
            self.send_response(reply.status)
            self.send_header("Content-Type", "application/json;charset=UTF-8")
            self.send_header("Content-Length", str(len(payload)))
            self.send_header("Connection", "close")
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(payload)
        except OSError:
            pass  # the client went away; nothing left to tell it

    def log_request(self, code: object = "-", size: object = "-") -> None:
        pass  # the exchange logs one line per verdict instead

    def log_message(self, format: str, *args: object) -> None:
        self.server.log_line(format % args)
