"""The HTTP layer, and nothing else: read the raw request, hand it to the core, write the reply.

``ExchangeServer`` listens on 127.0.0.1 only; its handler reads the request line, the
headers and the body **as bytes** (nothing is decoded or normalised: the signature is
verified over what arrived), builds a ``RawRequest`` with the peer's address, passes it to
``ExchangeCore.judge`` and writes the ``CoreReply`` as JSON. A request too large is refused
from its Content-Length before the body is read (413); a client that stalls mid-body gets
408.
http.server's own refusals (bad request line, headers) become ``{"code": -1000, ...}``
replies too (errors.md, -1000 UNKNOWN): never a 5xx, never a traceback. One request per
connection (HTTP/1.0, ``Connection: close``); see the assumptions table.

Header lines are checked as received: a bare CR inside one, a folded line or a line
without a colon is refused (400), and ``X-MBX-APIKEY`` is read exactly as on its line
(after the colon and one optional space), so whitespace around the key is refused either
side. A whole request must arrive within ``REQUEST_DEADLINE_S``, however slowly its bytes
trickle in, and at most ``MAX_CONNECTIONS`` are served at once. Log lines are escaped
(``shown``), and a log that fails never changes a reply.
"""

import re
import socketserver
import sys
import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from helpers.exchange.core import CoreReply, ExchangeCore
from helpers.exchange.messages import (
    HOST,
    HTTP_MESSAGES,
    MAX_CONNECTIONS,
    MSG_UNKNOWN,
    MSG_UNSUPPORTED,
    REQUEST_DEADLINE_S,
    shown,
)
from helpers.exchange.refusal import Refusal, http_refusal
from helpers.exchange.verdict import CHECK_HTTP, RawRequest
from helpers.wire import API_KEY_HEADER, MAX_REQUEST_BYTES

_FALLBACK = CoreReply(400, {"code": -1000, "msg": MSG_UNKNOWN}, None)


class _DeadlineReader:
    """The connection's reader: every read ends by the request's deadline, and the header
    lines are kept as received (to refuse a bare CR or LF inside one).

    The socket timeout bounds one silence; the deadline bounds the whole request, so a
    client that sends a byte just before each timeout cannot hold a thread for ever.
    """

    def __init__(self, raw, connection, timeout: float, deadline: float) -> None:
        self._raw, self._connection, self._timeout = raw, connection, timeout
        self._deadline = time.monotonic() + deadline
        self.lines: list[bytes] = []

    def _wait(self) -> None:
        left = self._deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError("the request's deadline passed")
        self._connection.settimeout(min(self._timeout, left))

    def readline(self, limit: int = -1) -> bytes:
        parts: list[bytes] = []
        size = 0
        while limit < 0 or size < limit:
            self._wait()
            buffered = self._raw.peek(1)
            if not buffered:
                break
            end = buffered.find(b"\n")
            take = len(buffered) if end < 0 else end + 1
            if limit >= 0:
                take = min(take, limit - size)
            chunk = self._raw.read(take)
            parts.append(chunk)
            size += len(chunk)
            if chunk.endswith(b"\n"):
                break
        line = b"".join(parts)
        if len(self.lines) < 200:
            self.lines.append(line)
        return line

    def read(self, size: int = -1) -> bytes:
        parts: list[bytes] = []
        while size < 0 or sum(map(len, parts)) < size:
            self._wait()
            want = 65536 if size < 0 else min(65536, size - sum(map(len, parts)))
            chunk = self._raw.read1(want)
            if not chunk:
                break
            parts.append(chunk)
        return b"".join(parts)

    def close(self) -> None:
        self._raw.close()

    def header_problem(self) -> str | None:
        """What is wrong with a header line as received, or None: a bare CR inside a line
        (it would start a new header), a line folded onto the one before, no colon."""
        for line in self._header_lines():
            if b"\r" in line or b"\n" in line:
                return "a header line holds a bare CR or LF"
            if line[:1] in (b" ", b"\t"):
                return "a header line is folded onto the one before (obsolete line folding)"
            if b":" not in line:
                return "a header line has no ':'"
        return None

    def header_values(self, name: str) -> list[str]:
        """Every value of header ``name`` as on its line: after the colon and one optional
        space, nothing else stripped (so whitespace around an API key stays visible)."""
        wanted = name.lower().encode("latin-1")
        values = []
        for line in self._header_lines():
            key, colon, value = line.partition(b":")
            if colon and key.strip().lower() == wanted:
                values.append(value.removeprefix(b" ").decode("latin-1"))
        return values

    def _header_lines(self) -> list[bytes]:
        lines = []
        for line in self.lines[1:]:
            if line.endswith(b"\r\n"):
                line = line[:-2]
            elif line.endswith(b"\n"):
                line = line[:-1]
            if not line:
                break
            lines.append(line)
        return lines


class ExchangeServer(ThreadingHTTPServer):
    """Serves ``core`` over HTTP on 127.0.0.1:``port``, one thread per connection.

    ``timeout``: seconds a client may stay silent mid-request. ``log`` gets a line for a
    connection that broke and for http.server's own messages.
    """

    daemon_threads = True
    request_queue_size = 64
    request_deadline = REQUEST_DEADLINE_S

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
        self._slots = threading.BoundedSemaphore(MAX_CONNECTIONS)
        super().__init__((HOST, port), _Handler)

    def process_request(self, request, client_address) -> None:
        # At most MAX_CONNECTIONS at once: one more is closed unanswered, not queued.
        if not self._slots.acquire(blocking=False):
            self.log_line(f"connection closed: {MAX_CONNECTIONS} connections already open")
            self.shutdown_request(request)
            return
        try:
            super().process_request(request, client_address)
        except Exception:
            self._slots.release()
            raise

    def process_request_thread(self, request, client_address) -> None:
        try:
            super().process_request_thread(request, client_address)
        finally:
            self._slots.release()

    def server_bind(self) -> None:
        # HTTPServer.server_bind would look up the host's FQDN (slow without DNS).
        socketserver.TCPServer.server_bind(self)
        self.server_name, self.server_port = HOST, self.server_address[1]

    def handle_error(self, request: object, client_address: object) -> None:
        # A connection that broke mid-reply: one log line, never a traceback.
        exc = sys.exc_info()[1]
        self.log_line(f"connection error: {type(exc).__name__}: {exc}")

    def log_line(self, line: str) -> None:
        """One escaped line to ``log``; a log that fails is ignored (it never changes a reply)."""
        if self.log is not None:
            try:
                self.log(shown(line, 300))
            except Exception:  # noqa: BLE001 - the log's reader is gone
                pass


class _Handler(BaseHTTPRequestHandler):
    """HTTP I/O only: read the raw request, hand it to the core, write the JSON reply."""

    protocol_version = "HTTP/1.0"  # one request per connection
    server_version = "helpers.exchange"
    sys_version = ""
    server: ExchangeServer

    def setup(self) -> None:
        self.timeout = self.server.client_timeout
        super().setup()
        self.rfile = _DeadlineReader(
            self.rfile, self.connection, self.server.client_timeout, self.server.request_deadline
        )

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
            headers=self._header_pairs(headers),
            body=body,
            peer=self.client_address[0] if self.client_address else None,
        )

    def _header_pairs(self, headers) -> tuple[tuple[str, str], ...]:
        """The headers in order; the API key's values exactly as on their lines."""
        if headers is None:
            return ()
        raw_keys = iter(self.rfile.header_values(API_KEY_HEADER))
        wanted = API_KEY_HEADER.lower()
        return tuple(
            (name, next(raw_keys, value) if name.lower() == wanted else value)
            for name, value in headers.items()
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
        problem = self.rfile.header_problem()
        if problem is not None:
            raise http_refusal(400, problem)
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
            raise http_refusal(
                408, "the body stopped arriving, or the request's deadline passed"
            ) from None
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
            reply = CoreReply(refusal.status, {"code": refusal.code, "msg": refusal.msg}, None)
        self._respond(reply)

    def _respond(self, reply: CoreReply) -> None:
        """Send ``reply`` (status, headers, JSON body); one request per connection."""
        body = reply.body()
        self.close_connection = True
        if self.request_version in ("", "HTTP/0.9"):
            self.request_version = self.protocol_version  # always send a status line
        try:
            self.send_response(reply.status)
            self.send_header("Content-Type", reply.content_type)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Connection", "close")
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)
        except OSError:
            pass  # the client went away; nothing left to tell it

    def log_request(self, code: object = "-", size: object = "-") -> None:
        pass  # the exchange logs one line per verdict instead

    def log_message(self, format: str, *args: object) -> None:
        self.server.log_line(format % args)
