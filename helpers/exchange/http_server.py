"""The HTTP layer, and nothing else: read the raw request, hand it over, write the reply.

``_Server`` listens on 127.0.0.1 only; ``_Handler`` reads the request line, the
``X-MBX-APIKEY`` headers, the Content-Type and the body **as bytes** (nothing is decoded or
normalised: the signature is verified over what arrived), passes them to
``LocalExchange._handle`` and writes its JSON reply. A request too large is refused from
its Content-Length before the body is read (413); a client that stalls mid-body gets 408.
http.server's own refusals (bad request line, headers) become ``{"code": -1000, ...}``
replies too (errors.md, -1000 UNKNOWN): never a 5xx, never a traceback. One request per
connection (HTTP/1.0, ``Connection: close``); see the assumptions table.
"""

import json
import re
import socketserver
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import TYPE_CHECKING

from helpers.exchange.refusal import _http_refusal, _Refusal
from helpers.exchange.verdict import CHECK_HTTP, _Request
from helpers.exchange.wire import (
    _HTTP_MESSAGES,
    API_KEY_HEADER,
    HOST,
    MAX_REQUEST_BYTES,
    MSG_UNKNOWN,
    MSG_UNSUPPORTED,
    _shown,
)

if TYPE_CHECKING:
    from helpers.exchange.local_exchange import LocalExchange


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 64

    def __init__(self, exchange: "LocalExchange", port: int) -> None:
        self.exchange = exchange
        super().__init__((HOST, port), _Handler)

    def server_bind(self) -> None:
        # HTTPServer.server_bind would look up the host's FQDN (slow without DNS).
        socketserver.TCPServer.server_bind(self)
        self.server_name, self.server_port = HOST, self.server_address[1]

    def handle_error(self, request: object, client_address: object) -> None:
        # A connection that broke mid-reply: one log line, never a traceback.
        exc = sys.exc_info()[1]
        self.exchange._log_line(f"connection error: {type(exc).__name__}: {exc}")


class _Handler(BaseHTTPRequestHandler):
    """HTTP I/O only: read the raw request, hand it to the exchange, write the JSON reply."""

    protocol_version = "HTTP/1.0"  # one request per connection
    server_version = "helpers.exchange"
    sys_version = ""
    server: _Server

    def setup(self) -> None:
        self.timeout = self.server.exchange.socket_timeout
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

    def _dispatch(self) -> None:
        exchange = self.server.exchange
        try:
            refusal = None
            try:
                body = self._read_body()
            except _Refusal as exc:
                body, refusal = b"", exc
            request = _Request(
                method=self.command,
                target=self._raw_target(),
                api_keys=tuple(self.headers.get_all(API_KEY_HEADER) or ()),
                content_type=self.headers.get("Content-Type"),
                body=body,
            )
            status, data = exchange._handle(request, refusal)
        except Exception:  # last line of defence: _handle itself never raises
            status, data = 400, {"code": -1000, "msg": MSG_UNKNOWN}
        self._respond(status, data)

    def _read_body(self) -> bytes:
        """Read the body, refusing early: size from Content-Length, before reading it."""
        if self.headers.get("Transfer-Encoding") is not None:
            raise _http_refusal(411, "Transfer-Encoding sent")
        lengths = {value.strip() for value in self.headers.get_all("Content-Length") or ()}
        if not lengths:
            return b""
        text = next(iter(lengths))
        if len(lengths) > 1 or not re.fullmatch(r"[0-9]{1,12}", text):
            raise _http_refusal(400, "bad or conflicting Content-Length")
        length = int(text)
        query_length = len(self._raw_target().partition("?")[2])
        if query_length + length > MAX_REQUEST_BYTES:
            raise _http_refusal(
                413,
                f"query {query_length} + body {length} bytes > {MAX_REQUEST_BYTES}; "
                "the body was not read",
            )
        try:
            body = self.rfile.read(length)
        except TimeoutError:
            raise _http_refusal(408, "the body stopped arriving") from None
        if len(body) < length:
            raise _http_refusal(400, f"the body ended after {len(body)} of {length} bytes")
        return body

    def send_error(self, code: int, message: str | None = None, explain: str | None = None):
        """http.server's own refusals (bad request line, headers...) as JSON, never 5xx."""
        detail = _shown(message or "", 300)
        if code == 501:  # unsupported method: unreachable while __getattr__ routes every do_*
            refusal = _Refusal(-1020, MSG_UNSUPPORTED, CHECK_HTTP, detail, status=405)
        else:
            refusal = _http_refusal(
                400 if code >= 500 or code not in _HTTP_MESSAGES else code, detail
            )
        request = _Request(method=self.command or "", target=self._raw_target())
        try:
            status, data = self.server.exchange._handle(request, refusal)
        except Exception:
            data = {"code": refusal.code, "msg": refusal.msg}
        self._respond(status, data)

    def _respond(self, status: int, data: object) -> None:
        payload = json.dumps(data, separators=(",", ":")).encode("utf-8")
        self.close_connection = True
        if self.request_version in ("", "HTTP/0.9"):
            self.request_version = self.protocol_version  # always send a status line
        try:
            self.send_response(status)
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
        self.server.exchange._log_line(format % args)
