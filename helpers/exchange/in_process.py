"""The local exchange without sockets or threads, for the browser edition (Pyodide).

In a browser tab (``sys.platform == "emscripten"``) Python can neither listen on a port
nor start a thread. There ``LocalExchange.start()`` serves its ``ExchangeCore`` from this
module instead: it gets a port number all the same (``base_url`` reads as on the desktop),
and every ``requests`` call to that URL — ``helpers.request.send``, the playground's Send
button, the pitfalls' deliberate mistakes, a notebook's own ``requests.get`` — is handed to
``ExchangeCore.judge`` in-process, as the ``RawRequest`` of the bytes ``requests``
prepared: the same target and body the desktop's HTTP server reads off the socket.

On the desktop nothing here runs: ``IN_BROWSER`` is false and requests go over loopback
HTTP, byte for byte as signed.
"""

import itertools
import sys
from urllib.parse import urlsplit

from helpers.exchange.messages import HOST, JSON_TYPE
from helpers.exchange.verdict import RawRequest

IN_BROWSER = sys.platform == "emscripten"

_SERVED: dict[int, object] = {}  # port → the ExchangeCore answering there
_PORTS = itertools.count(49152)  # the first dynamic port, as a real bind might give


class InProcessServer:
    """Stands in for ``ExchangeServer``: a port, and ``shutdown``/``server_close``."""

    def __init__(self, core: object) -> None:
        self.core = core
        self.server_address = (HOST, next(_PORTS))
        _SERVED[self.server_address[1]] = core
        patch_requests()

    def shutdown(self) -> None:
        _SERVED.pop(self.server_address[1], None)

    def server_close(self) -> None:
        self.shutdown()


def served_core(url: str) -> object | None:
    """The in-process core answering ``url``, or ``None`` (not one of ours)."""
    parts = urlsplit(url)
    if parts.scheme != "http" or parts.hostname != HOST or parts.port is None:
        return None
    return _SERVED.get(parts.port)


def raw_request(method: str, url: str, headers: dict, body: bytes | str | None) -> RawRequest:
    """What the HTTP server would read for this request: the request line's target as its
    bytes (ASCII, as http.client sends it), the headers as sent, the body's bytes."""
    parts = urlsplit(url)
    target = (parts.path or "/") + ("?" + parts.query if parts.query else "")
    target.encode("ascii")  # http.client refuses the same: a UnicodeEncodeError, a ValueError
    data = body.encode("utf-8") if isinstance(body, str) else (body or b"")
    sent = [("Host", parts.netloc), *((str(k), str(v)) for k, v in headers.items())]
    if data and not any(k.lower() == "content-length" for k, _ in sent):
        sent.append(("Content-Length", str(len(data))))
    # From the page's own machine, as the desktop's loopback requests come from 127.0.0.1:
    # a key allowed only from another address is refused the same way (notebook 11).
    return RawRequest(method, target, tuple(sent), data, HOST)


def patch_requests() -> None:
    """Route ``requests`` calls to an in-process exchange (once; other URLs untouched)."""
    import requests.adapters

    adapter = requests.adapters.HTTPAdapter
    if getattr(adapter.send, "in_process", False):
        return
    original = adapter.send

    def send(self, request, *args, **kwargs):
        core = served_core(request.url)
        if core is None:
            return original(self, request, *args, **kwargs)
        raw = raw_request(request.method, request.url, dict(request.headers), request.body)
        reply = core.judge(raw)
        return response(request, reply.status, reply.body(), reply.content_type)

    send.in_process = True
    adapter.send = send


def response(request, status: int, body: bytes, content_type: str = JSON_TYPE):
    """A ``requests.Response`` carrying the core's reply, as one read off the socket."""
    import requests

    result = requests.Response()
    result.status_code = status
    result._content = body
    result.headers["Content-Type"] = content_type
    result.encoding = "utf-8"
    result.url = request.url
    result.request = request
    result.reason = "OK" if status == 200 else "Error"
    return result
