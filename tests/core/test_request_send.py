"""helpers.request.send against tiny local HTTP servers: what leaves the machine."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from helpers.examples import EXAMPLE_API_KEY, EXAMPLE_SECRET_KEY, EXAMPLE_TIMESTAMP
from helpers.request import send, sign_request
from helpers.wire import API_KEY_HEADER


def serve(answer):
    """A server on 127.0.0.1 whose handler calls ``answer(handler)``; returns it running."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 (http.server's name)
            answer(self)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True).start()
    return server


@pytest.fixture
def other_origin():
    """Another loopback port, recording the API key header of every request it gets."""
    seen = []

    def answer(handler):
        seen.append(handler.headers.get(API_KEY_HEADER))
        handler.send_response(200)
        handler.send_header("Content-Type", "application/json")
        handler.end_headers()
        handler.wfile.write(b"{}")

    server = serve(answer)
    yield f"http://127.0.0.1:{server.server_address[1]}", seen
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize("status", [301, 302, 303, 307, 308])
def test_a_redirect_to_another_origin_is_reported_not_followed(other_origin, status):
    target, seen = other_origin

    def answer(handler):
        handler.send_response(status)
        handler.send_header("Location", target + "/api/v3/account")
        handler.send_header("Content-Length", "0")
        handler.end_headers()

    server = serve(answer)
    try:
        signed = sign_request(
            "GET", "/api/v3/account", api_key=EXAMPLE_API_KEY, secret=EXAMPLE_SECRET_KEY,
            timestamp=EXAMPLE_TIMESTAMP,
        )  # fmt: skip
        reply = send(signed, f"http://127.0.0.1:{server.server_address[1]}", timeout=5)
    finally:
        server.shutdown()
        server.server_close()
    assert seen == []  # nothing, and so no API key, reached the other port
    assert reply.status == status
    assert reply.json["location"] == target + "/api/v3/account"
    assert "redirect not followed" in reply.json["msg"]
