"""helpers.exchange's core without a socket: a raw request and a state in, a reply out.

``ExchangeCore.judge`` is called directly with a ``RawRequest`` (method, target, headers,
body bytes, peer) and an ``ExchangeState``: no server, no thread. Expected values are
Binance's: the docs' example requests and signatures (read from helpers.examples, the
package data recording their source), the codes and messages of errors.md, and the timing
rule of rest-api.md → "Request Security" → "Timing security".
"""

import json

import pytest

from helpers.examples import key, vector
from helpers.exchange import CoreReply, ExchangeCore, ExchangeState, RawRequest
from helpers.exchange.refusal import http_refusal

DOCS_KEY = key("docs-hmac")
REST = vector("rest-hmac-ascii")  # rest-api.md, SIGNED Endpoint Examples, HMAC Keys
MIXED = vector("rest-hmac-mixed")  # the same, query string and body mixed
WS = vector("ws-hmac-ascii")  # web-socket-api.md, SIGNED request example (HMAC)
SERVER_TIME = 1499827320000  # 441 ms after the REST example's timestamp
KEY_HEADER = (("X-MBX-APIKEY", DOCS_KEY["api_key"]),)
BAD_SIGNATURE = {"code": -1022, "msg": "Signature for this request is not valid."}
OUTSIDE = {"code": -1021, "msg": "Timestamp for this request is outside of the recvWindow."}


def core_at(server_time: int) -> ExchangeCore:
    """A core over a fresh state holding the docs' key (the default), clock pinned."""
    return ExchangeCore(ExchangeState(clock=lambda: server_time))


def tampered(signature: str) -> str:
    """``signature`` with its last hex digit changed (HMAC hex is case-insensitive)."""
    return signature[:-1] + ("1" if signature[-1] == "0" else "0")


def docs_order(signature: str = REST["signature"]) -> RawRequest:
    target = f"/api/v3/order/test?{REST['query_string']}&signature={signature}"
    return RawRequest("POST", target, headers=KEY_HEADER, peer="192.0.2.7")


def test_the_docs_request_is_accepted_without_a_socket():
    core = core_at(SERVER_TIME)
    reply = core.judge(docs_order())
    assert isinstance(reply, CoreReply)
    assert (reply.status, reply.data) == (200, {})
    assert reply.body() == b"{}"
    assert reply.verdict.accepted
    assert reply.verdict.payload == REST["payload"]
    assert reply.verdict.peer == "192.0.2.7"  # carried for IP-restricted keys
    assert core.state.last_verdict is reply.verdict


def test_a_bad_signature_is_1022():
    reply = core_at(SERVER_TIME).judge(docs_order(tampered(REST["signature"])))
    assert (reply.status, reply.data) == (400, BAD_SIGNATURE)
    assert reply.verdict.check == "signature"


def test_a_timestamp_outside_the_recv_window_is_1021():
    # The example's timestamp 1499827319559 with recvWindow=5000: 5000.001 ms later is out.
    reply = core_at(1499827319559 + 5001).judge(docs_order())
    assert (reply.status, reply.data) == (400, OUTSIDE)
    assert reply.verdict.check == "timestamp"


def test_headers_are_read_case_insensitively_and_the_body_as_a_form():
    request = RawRequest(
        "POST",
        f"/api/v3/order/test?{MIXED['query_string']}",
        headers=(
            ("x-mbx-apikey", DOCS_KEY["api_key"]),
            ("content-type", "application/x-www-form-urlencoded"),
        ),
        body=f"{MIXED['body_text']}&signature={MIXED['signature']}".encode(),
    )
    reply = core_at(SERVER_TIME).judge(request)
    assert (reply.status, reply.data) == (200, {})
    assert reply.verdict.content_type == "application/x-www-form-urlencoded"


def test_a_refusal_from_the_http_layer_is_recorded():
    refusal = http_refusal(413, "too large")
    reply = core_at(SERVER_TIME).judge(RawRequest("POST", "/api/v3/order"), refusal=refusal)
    assert (reply.status, reply.data["code"]) == (413, -1000)
    assert (reply.verdict.status, reply.verdict.check) == (413, "http")


def test_the_state_is_shared_and_explicit():
    state = ExchangeState(clock=lambda: SERVER_TIME)
    first, second = ExchangeCore(state), ExchangeCore(state)
    first.judge(RawRequest("GET", "/api/v3/ping"))
    assert second.judge(RawRequest("GET", "/api/v3/time")).data == {"serverTime": SERVER_TIME}
    assert [v.target for v in state.verdicts] == ["/api/v3/ping", "/api/v3/time"]


def test_a_websocket_request_through_the_core():
    core = ExchangeCore(ExchangeState(clock=lambda: int(dict(WS["params"])["timestamp"]) + 68))
    params = dict(WS["params"], signature=WS["signature"])
    text = json.dumps({"id": "kit-1", "method": "order.test", "params": params})
    assert core.handle_ws(text) == {"id": "kit-1", "status": 200, "result": {}}
    assert core.state.last_verdict.payload == WS["payload"]
    params["signature"] = tampered(WS["signature"])
    text = json.dumps({"id": "kit-2", "method": "order.test", "params": params})
    assert core.handle_ws(text) == {"id": "kit-2", "status": 400, "error": BAD_SIGNATURE}


def test_a_state_refuses_a_clock_that_is_not_a_function():
    with pytest.raises(TypeError, match="clock"):
        ExchangeState(clock=1499827320000)
