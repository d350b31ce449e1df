"""helpers.exchange: the local model of Binance's checks, judged by Binance's own examples.

Expected values are literals: the docs' example requests and signatures (REST API, "SIGNED
Endpoint Examples for POST /api/v3/order"), messages from errors.md, the timing rule from
"Timing security", and, where the docs are silent, the choices recorded in the module's
assumptions table. Nothing expected is computed by helpers.exchange. A test that needs a
signature over a payload of its own signs it with helpers.signing (checked against the
docs' vectors in test_signing.py). Good requests go through helpers.request's
sign_request/send; raw or malformed ones through http.client or a bare socket, because
`requests` normalises URLs.
"""

import http.client
import json
import os
import re
import select
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

import helpers.exchange
from helpers.examples import key, vector
from helpers.exchange import HmacKey, LocalExchange, Verdict, assumptions
from helpers.exchange.product_assumptions import PRODUCT_ASSUMPTIONS
from helpers.request import send, sign_request
from helpers.signing import hmac_sha256_hex

ROOT = Path(__file__).resolve().parents[2]

# Binance's documented example key pair and vectors (helpers/data/vectors.json: rest-api.md →
# "Request Security" → "SIGNED Endpoint Examples for POST /api/v3/order" → "HMAC Keys").
DOCS_KEY = key("docs-hmac")
API_KEY, SECRET = DOCS_KEY["api_key"], DOCS_KEY["secret"]
KEYS = dict(api_key=API_KEY, secret=SECRET)
KEY_HEADER = {"X-MBX-APIKEY": API_KEY}
FORM = {"X-MBX-APIKEY": API_KEY, "Content-Type": "application/x-www-form-urlencoded"}

DOC = vector("rest-hmac-ascii")
DOC_TIMESTAMP = int(dict(DOC["query"])["timestamp"])
DOC_PAYLOAD, DOC_SIGNATURE = DOC["payload"], DOC["signature"]
MIXED = vector("rest-hmac-mixed")
DOC_QUERY_HALF, DOC_BODY_HALF = MIXED["query_string"], MIXED["body_text"]
DOC_MIXED_PAYLOAD, DOC_MIXED_SIGNATURE = MIXED["payload"], MIXED["signature"]
NON_ASCII = vector("rest-hmac-non-ascii")
NON_ASCII_PAYLOAD, NON_ASCII_SIGNATURE = NON_ASCII["payload"], NON_ASCII["signature"]

SERVER_TIME = 1499827320000  # 441 ms after the docs' timestamp: inside the default window
ORDER_BASE = "symbol=LTCBTC&side=BUY&type=LIMIT"

# errors.md messages.
BAD_KEY_FORMAT = {"code": -2014, "msg": "API-key format invalid."}
REJECTED_KEY = {"code": -2015, "msg": "Invalid API-key, IP, or permissions for action."}
OUTSIDE = "Timestamp for this request is outside of the recvWindow."
AHEAD = "Timestamp for this request was 1000ms ahead of the server's time."
BAD_SIGNATURE = {"code": -1022, "msg": "Signature for this request is not valid."}
DUPLICATE = {"code": -1101, "msg": "Duplicate values for a parameter detected."}
ILLEGAL = {"code": -1100, "msg": "Illegal characters found in a parameter."}


def mandatory(name: str) -> dict:
    return {
        "code": -1102,
        "msg": f"Mandatory parameter '{name}' was not sent, was empty/null, or malformed.",
    }


def with_signature(payload: str, secret: str = SECRET) -> str:
    """``payload&signature=...`` signed as sent (helpers.signing, not the code under test)."""
    return f"{payload}&signature={hmac_sha256_hex(secret, payload)}"


@pytest.fixture
def ex():
    with LocalExchange(clock=lambda: SERVER_TIME) as exchange:
        yield exchange


def call(ex, method, target, body=None, headers=None):
    """One request with http.client (target and body sent as given); (status, JSON)."""
    conn = http.client.HTTPConnection("127.0.0.1", ex.port, timeout=5)
    try:
        conn.request(method, target, body=body, headers=headers or {})
        response = conn.getresponse()
        return response.status, json.loads(response.read())
    finally:
        conn.close()


def raw_request(method: bytes, target: bytes, headers=(), body: bytes = b"") -> bytes:
    """Request bytes; a body gets its Content-Length unless ``headers`` set one."""
    lines = [method + b" " + target + b" HTTP/1.1", b"Host: 127.0.0.1", *headers]
    if body and not any(h.lower().startswith((b"content-length:", b"transfer-")) for h in headers):
        lines.append(b"Content-Length: %d" % len(body))
    return b"\r\n".join(lines) + b"\r\n\r\n" + body


def send_raw(ex, data: bytes) -> tuple[int, bytes]:
    """Send bytes on a bare socket, half-close, read to the end; (status, body)."""
    with socket.create_connection(("127.0.0.1", ex.port), timeout=5) as sock:
        sock.sendall(data)
        sock.shutdown(socket.SHUT_WR)
        chunks = []
        while chunk := sock.recv(65536):
            chunks.append(chunk)
    head, _, body = b"".join(chunks).partition(b"\r\n\r\n")
    return int(head.split(b"\r\n")[0].split()[1]), body


def assert_still_serving(ex):
    assert call(ex, "GET", "/api/v3/ping") == (200, {})


# --- The docs' example request, in its three forms -------------------------------------------


@pytest.mark.parametrize(
    ("target", "body", "payload"),
    [
        pytest.param(
            f"/api/v3/order?{DOC_PAYLOAD}&signature={DOC_SIGNATURE}",
            None,
            DOC_PAYLOAD,
            id="example-2-query-string",
        ),
        pytest.param(
            "/api/v3/order",
            f"{DOC_PAYLOAD}&signature={DOC_SIGNATURE}",
            DOC_PAYLOAD,
            id="example-1-request-body",
        ),
        pytest.param(
            f"/api/v3/order?{DOC_QUERY_HALF}",
            f"{DOC_BODY_HALF}&signature={DOC_MIXED_SIGNATURE}",
            DOC_MIXED_PAYLOAD,
            id="example-3-mixed",
        ),
    ],
)
def test_docs_example_is_accepted(ex, target, body, payload):
    status, reply = call(ex, "POST", target, body, FORM if body else KEY_HEADER)
    assert status == 200, reply
    assert (reply["symbol"], reply["side"], reply["type"]) == ("LTCBTC", "BUY", "LIMIT")
    assert (reply["price"], reply["origQty"], reply["status"]) == ("0.1", "1", "NEW")
    verdict = ex.last_verdict
    assert verdict.accepted and verdict.check == "ok"
    assert verdict.payload == payload
    assert verdict.payload_length == len(payload.encode())
    assert verdict.target == target
    assert verdict.body == (body or "").encode()
    assert verdict.key_kind == "HMAC"
    assert verdict.server_time == SERVER_TIME


def test_uppercase_hex_signature_is_accepted(ex):
    # REST API, SIGNED Endpoint security: "The signature is not case sensitive."
    target = f"/api/v3/order/test?{DOC_PAYLOAD}&signature={DOC_SIGNATURE.upper()}"
    assert call(ex, "POST", target, headers=KEY_HEADER) == (200, {})


def test_non_ascii_symbol_percent_encoded_before_signing_is_accepted(ex):
    target = f"/api/v3/order/test?{NON_ASCII_PAYLOAD}&signature={NON_ASCII_SIGNATURE}"
    assert call(ex, "POST", target, headers=KEY_HEADER) == (200, {})
    assert ex.last_verdict.payload == NON_ASCII_PAYLOAD


def test_non_ascii_symbol_signed_unencoded_but_sent_encoded_is_rejected(ex):
    # Facts sheet: requests signed over the raw, unencoded text get -1022.
    unencoded = NON_ASCII_PAYLOAD.replace(
        "%EF%BC%91%EF%BC%92%EF%BC%93%EF%BC%94%EF%BC%95%EF%BC%96", "１２３４５６"
    )
    target = (
        f"/api/v3/order/test?{NON_ASCII_PAYLOAD}&signature={hmac_sha256_hex(SECRET, unencoded)}"
    )
    assert call(ex, "POST", target, headers=KEY_HEADER) == (400, BAD_SIGNATURE)


def test_sign_request_and_send_round_trip_arrives_byte_for_byte(ex):
    # A space, "/", a non-ASCII character and "~" in the URL: what `requests` would
    # normalise if send() let it.
    signed = sign_request(
        "POST",
        "/api/v3/order",
        [("symbol", "LTCBTC"), ("side", "BUY"), ("newClientOrderId", "my order/１ ~x")],
        body_params=[("type", "LIMIT"), ("quantity", "1")],
        **KEYS,
        timestamp=DOC_TIMESTAMP,
        recv_window=5000,
    )
    assert "%20" in signed.target and "~" in signed.target
    reply = send(signed, ex.base_url)
    assert reply.status == 200, reply
    assert reply.json["clientOrderId"] == "my order/１ ~x"
    verdict = ex.last_verdict
    assert verdict.target == signed.target
    assert verdict.body == signed.sent_body.encode()
    assert verdict.payload == signed.payload
    assert verdict.signature == signed.signature


def test_raw_target_is_echoed_exactly_as_sent(ex):
    # An escaped letter, a lowercase escape of "~", and sub-delims: all legal, all kept.
    payload = (
        f"symbol=LTC%42TC&side=BUY&type=LIMIT&newClientOrderId=a%7eb~c*(!)"
        f"&timestamp={DOC_TIMESTAMP}"
    )
    target = f"/api/v3/order?{with_signature(payload)}"
    status, _ = send_raw(
        ex, raw_request(b"POST", target.encode(), [f"X-MBX-APIKEY: {API_KEY}".encode()])
    )
    assert status == 200
    assert ex.last_verdict.target.encode("latin-1") == target.encode()
    assert ex.last_verdict.payload == payload


def test_last_verdict_endpoint_serves_the_latest_verdict_as_json(ex):
    assert call(ex, "GET", "/kit/last-verdict") == (200, None)
    target = f"/api/v3/order/test?{DOC_PAYLOAD}&signature={DOC_SIGNATURE[:-1]}0"
    call(ex, "POST", target, headers=KEY_HEADER)
    status, verdict = call(ex, "GET", "/kit/last-verdict")
    assert status == 200
    assert verdict["target"] == target
    assert verdict["payload"] == DOC_PAYLOAD
    assert (verdict["status"], verdict["code"], verdict["check"]) == (400, -1022, "signature")
    assert ex.last_verdict.target == target  # the kit endpoint does not record itself


# --- Check 1: the API key header -------------------------------------------------------------


def test_public_endpoints_need_no_key(ex):
    assert call(ex, "GET", "/api/v3/ping") == (200, {})
    assert call(ex, "GET", "/api/v3/time") == (200, {"serverTime": SERVER_TIME})
    assert ex.last_verdict.security == "NONE"


def test_missing_api_key_header(ex):
    target = f"/api/v3/order?{DOC_PAYLOAD}&signature={DOC_SIGNATURE}"
    assert call(ex, "POST", target) == (401, BAD_KEY_FORMAT)
    assert ex.last_verdict.check == "api-key"
    assert ex.last_verdict.payload == DOC_PAYLOAD  # rebuilt even when the key is refused


@pytest.mark.parametrize(
    "value",
    ["", f'"{API_KEY}"', f"Bearer {API_KEY}", f"{API_KEY} ", "kéy"],
    ids=["empty", "quoted", "bearer", "trailing-space", "non-ascii"],
)
def test_malformed_api_key(ex, value):
    target = f"/api/v3/account?{with_signature(f'timestamp={DOC_TIMESTAMP}')}"
    header = b"X-MBX-APIKEY: " + value.encode("latin-1")
    assert send_raw(ex, raw_request(b"GET", target.encode(), [header]))[0] == 401
    assert (ex.last_verdict.code, ex.last_verdict.msg) == (-2014, BAD_KEY_FORMAT["msg"])


def test_api_key_header_sent_twice(ex):
    target = f"/api/v3/account?{with_signature(f'timestamp={DOC_TIMESTAMP}')}"
    header = f"X-MBX-APIKEY: {API_KEY}".encode()
    assert send_raw(ex, raw_request(b"GET", target.encode(), [header, header]))[0] == 401
    assert ex.last_verdict.code == -2014


def test_unknown_api_key(ex):
    target = f"/api/v3/account?{with_signature(f'timestamp={DOC_TIMESTAMP}')}"
    assert call(ex, "GET", target, headers={"X-MBX-APIKEY": "A" * 64}) == (401, REJECTED_KEY)


def test_api_key_header_name_is_case_insensitive(ex):
    target = f"/api/v3/account?{with_signature(f'timestamp={DOC_TIMESTAMP}')}"
    header = f"x-mbx-apikey: {API_KEY}".encode()
    status, body = send_raw(ex, raw_request(b"GET", target.encode(), [header]))
    assert status == 200
    assert json.loads(body)["accountType"] == "SPOT"


# --- Checks 2-6: parameters, timing, signature -----------------------------------------------


def test_missing_timestamp(ex):
    target = f"/api/v3/order/test?{with_signature(ORDER_BASE)}"
    assert call(ex, "POST", target, headers=KEY_HEADER) == (400, mandatory("timestamp"))


def test_missing_signature(ex):
    assert call(ex, "POST", f"/api/v3/order/test?{DOC_PAYLOAD}", headers=KEY_HEADER) == (
        400,
        mandatory("signature"),
    )


def test_duplicate_in_query_string(ex):
    payload = f"symbol=LTCBTC&{ORDER_BASE}&timestamp={DOC_TIMESTAMP}"
    target = f"/api/v3/order/test?{with_signature(payload)}"
    assert call(ex, "POST", target, headers=KEY_HEADER) == (400, DUPLICATE)


def test_duplicate_in_body(ex):
    body = with_signature(f"{ORDER_BASE}&side=SELL&timestamp={DOC_TIMESTAMP}")
    assert call(ex, "POST", "/api/v3/order/test", body, FORM) == (400, DUPLICATE)


def test_signature_sent_twice(ex):
    signed = with_signature(f"{ORDER_BASE}&timestamp={DOC_TIMESTAMP}")
    signature = signed.rpartition("=")[2]
    target = f"/api/v3/order/test?{signed}"
    assert call(ex, "POST", target, f"signature={signature}", FORM) == (400, DUPLICATE)


def test_parameter_in_query_and_body_is_not_an_error_and_the_query_wins(ex):
    # REST API, General Information on Endpoints: "If a parameter sent in both the query
    # string and request body, the query string parameter will be used."
    query = ORDER_BASE
    body = f"symbol=ETHBTC&timestamp={DOC_TIMESTAMP}"
    signature = hmac_sha256_hex(SECRET, query + body)
    status, reply = call(
        ex, "POST", f"/api/v3/order?{query}", f"{body}&signature={signature}", FORM
    )
    assert status == 200, reply
    assert reply["symbol"] == "LTCBTC"
    assert any("'symbol'" in note for note in ex.last_verdict.notes)


def test_signature_may_sit_first(ex):
    payload = f"{ORDER_BASE}&timestamp={DOC_TIMESTAMP}"
    target = f"/api/v3/order/test?signature={hmac_sha256_hex(SECRET, payload)}&{payload}"
    assert call(ex, "POST", target, headers=KEY_HEADER) == (200, {})
    assert ex.last_verdict.payload == payload


def test_empty_value(ex):
    target = f"/api/v3/order/test?{with_signature(f'{ORDER_BASE}&price=&timestamp=1499827319559')}"
    assert call(ex, "POST", target, headers=KEY_HEADER) == (
        400,
        {"code": -1105, "msg": "Parameter 'price' was empty."},
    )


@pytest.mark.parametrize(
    ("timing", "code", "msg"),
    [
        pytest.param("timestamp=1499827315000", None, None, id="exactly-recvWindow-behind"),
        pytest.param("timestamp=1499827314999", -1021, OUTSIDE, id="1ms-past-recvWindow"),
        pytest.param("timestamp=1499827320999", None, None, id="999ms-ahead"),
        pytest.param("timestamp=1499827321000", -1021, AHEAD, id="1000ms-ahead"),
        pytest.param("timestamp=1499827319", -1021, OUTSIDE, id="seconds-not-milliseconds"),
        pytest.param("timestamp=1499827319559000", None, None, id="microseconds"),
        pytest.param("timestamp=1499827321000000", -1021, AHEAD, id="microseconds-ahead"),
        pytest.param(
            "recvWindow=0.5&timestamp=1499827319999500", None, None, id="decimal-recvWindow"
        ),
        pytest.param(
            "recvWindow=0.499&timestamp=1499827319999500",
            -1021,
            OUTSIDE,
            id="decimal-recvWindow-1us-short",
        ),
        pytest.param("recvWindow=60000&timestamp=1499827260000", None, None, id="max-window"),
        pytest.param(
            "recvWindow=60001&timestamp=1499827319559",
            -1102,
            "'recvWindow' contains unexpected value. Cannot be greater than '60000'.",
            id="recvWindow-over-60000",
        ),
        pytest.param(
            "recvWindow=60000.001&timestamp=1499827319559",
            -1102,
            "'recvWindow' contains unexpected value. Cannot be greater than '60000'.",
            id="recvWindow-1us-over-60000",
        ),
        pytest.param(
            "recvWindow=5000.0001&timestamp=1499827319559",
            -1100,
            "Illegal characters found in parameter 'recvWindow'; legal range is "
            "'^[0-9]{1,20}(\\.[0-9]{1,3})?$'.",
            id="recvWindow-four-decimals",
        ),
        pytest.param(
            "timestamp=1499827319559.0",
            -1102,
            mandatory("timestamp")["msg"],
            id="timestamp-not-an-integer",
        ),
    ],
)
def test_timing_security(ex, timing, code, msg):
    # REST API, Timing security: accept iff timestamp < serverTime + 1000 and
    # serverTime - timestamp <= recvWindow; server time here is 1499827320000.
    target = f"/api/v3/order/test?{with_signature(f'{ORDER_BASE}&{timing}')}"
    status, reply = call(ex, "POST", target, headers=KEY_HEADER)
    if code is None:
        assert (status, reply) == (200, {})
    else:
        assert (status, reply) == (400, {"code": code, "msg": msg})


def test_wrong_signature(ex):
    target = f"/api/v3/order/test?{DOC_PAYLOAD}&signature={DOC_SIGNATURE[:-1]}0"
    assert call(ex, "POST", target, headers=KEY_HEADER) == (400, BAD_SIGNATURE)


@pytest.mark.parametrize("where", ["query", "body"])
@pytest.mark.parametrize("space", ["+", "%20"])
def test_space_as_plus_or_percent20_verifies_when_signed_as_sent(ex, where, space):
    payload = f"{ORDER_BASE}&newClientOrderId=my{space}order&timestamp={DOC_TIMESTAMP}"
    if where == "query":
        status, reply = call(ex, "POST", f"/api/v3/order?{with_signature(payload)}", None, FORM)
    else:
        status, reply = call(ex, "POST", "/api/v3/order", with_signature(payload), FORM)
    assert status == 200, reply
    assert reply["clientOrderId"] == "my order"
    assert ex.last_verdict.payload == payload


def test_space_signed_as_percent20_but_sent_as_plus_is_rejected(ex):
    payload = f"{ORDER_BASE}&newClientOrderId=my%20order&timestamp={DOC_TIMESTAMP}"
    mangled = with_signature(payload).replace("%20", "+")  # what a re-encoding client does
    assert call(ex, "POST", f"/api/v3/order/test?{mangled}", headers=KEY_HEADER) == (
        400,
        BAD_SIGNATURE,
    )


def test_signature_value_is_percent_decoded_before_verification(ex):
    class RecordingKey:  # stands in for a later Ed25519/RSA key (base64 signatures)
        kind = "TEST"

        def __init__(self):
            self.seen = []

        def verify(self, payload: bytes, signature: str) -> bool:
            self.seen.append((payload, signature))
            return True

    key = RecordingKey()
    ex.register_key("B" * 64, key)
    payload = f"{ORDER_BASE}&timestamp={DOC_TIMESTAMP}"
    for sent in ("ab%2Bc%2fd%3D", "ab%2bc%2Fd%3d"):
        target = f"/api/v3/order/test?{payload}&signature={sent}"
        assert call(ex, "POST", target, headers={"X-MBX-APIKEY": "B" * 64}) == (200, {})
    assert key.seen == [(payload.encode(), "ab+c/d=")] * 2
    assert ex.last_verdict.key_kind == "TEST"


# --- Orders ------------------------------------------------------------------------------------


def signed_send(ex, method, path, params):
    signed = sign_request(method, path, params, **KEYS, timestamp=DOC_TIMESTAMP)
    return send(signed, ex.base_url)


def test_order_lifecycle(ex):
    first = signed_send(
        ex,
        "POST",
        "/api/v3/order",
        [("symbol", "LTCBTC"), ("side", "BUY"), ("type", "LIMIT"), ("quantity", "1")],
    )
    second = signed_send(
        ex,
        "POST",
        "/api/v3/order",
        [("symbol", "ETHBTC"), ("side", "SELL"), ("type", "LIMIT"), ("newClientOrderId", "mine")],
    )
    assert first.status == second.status == 200
    assert first.json["orderId"] != second.json["orderId"]
    assert second.json["clientOrderId"] == "mine"

    open_orders = signed_send(ex, "GET", "/api/v3/openOrders", [])
    assert open_orders.status == 200
    assert [o["orderId"] for o in open_orders.json] == [
        first.json["orderId"],
        second.json["orderId"],
    ]
    only_ltc = signed_send(ex, "GET", "/api/v3/openOrders", [("symbol", "LTCBTC")])
    assert [o["symbol"] for o in only_ltc.json] == ["LTCBTC"]

    by_id = [("symbol", "LTCBTC"), ("orderId", first.json["orderId"])]
    cancelled = signed_send(ex, "DELETE", "/api/v3/order", by_id)
    assert cancelled.status == 200
    assert (cancelled.json["orderId"], cancelled.json["status"]) == (
        first.json["orderId"],
        "CANCELED",
    )
    assert signed_send(ex, "DELETE", "/api/v3/order", by_id) == (
        400,
        {"code": -2011, "msg": "Unknown order sent."},
    )

    by_client_id = [("symbol", "ETHBTC"), ("origClientOrderId", "mine")]
    cancelled = signed_send(ex, "DELETE", "/api/v3/order", by_client_id)
    assert cancelled.status == 200
    assert cancelled.json["origClientOrderId"] == "mine"
    assert signed_send(ex, "GET", "/api/v3/openOrders", []).json == []


def test_order_fields_are_lightly_validated(ex):
    no_side = [("symbol", "LTCBTC"), ("type", "LIMIT")]
    assert signed_send(ex, "POST", "/api/v3/order", no_side) == (400, mandatory("side"))
    assert signed_send(ex, "DELETE", "/api/v3/order", [("symbol", "LTCBTC")]) == (
        400,
        {
            "code": -1102,
            "msg": "Param 'origClientOrderId' or 'orderId' must be sent, but both were empty/null!",
        },
    )
    order = [("symbol", "LTCBTC"), ("side", "BUY"), ("type", "LIMIT"), ("newClientOrderId", "x")]
    assert signed_send(ex, "POST", "/api/v3/order", order).status == 200
    assert signed_send(ex, "POST", "/api/v3/order", order) == (
        400,
        {"code": -2010, "msg": "Duplicate order sent."},
    )


def test_orders_are_kept_per_api_key(ex):
    ex.register_key("C" * 64, HmacKey("another-secret"))
    order = [("symbol", "LTCBTC"), ("side", "BUY"), ("type", "LIMIT")]
    assert signed_send(ex, "POST", "/api/v3/order", order).status == 200
    other = sign_request(
        "GET",
        "/api/v3/openOrders",
        (),
        api_key="C" * 64,
        secret="another-secret",
        timestamp=DOC_TIMESTAMP,
    )
    assert send(other, ex.base_url) == (200, [])


def test_account(ex):
    reply = signed_send(ex, "GET", "/api/v3/account", [])
    assert reply.status == 200
    assert {"asset", "free", "locked"} <= set(reply.json["balances"][0])
    assert ex.last_verdict.security == "USER_DATA"


# --- Malformed requests: always 4xx, never 5xx, the server keeps serving ----------------------

SIGNED_TAIL = f"timestamp={DOC_TIMESTAMP}&signature={DOC_SIGNATURE}".encode()
KEY_LINE = f"X-MBX-APIKEY: {API_KEY}".encode()
FORM_LINE = b"Content-Type: application/x-www-form-urlencoded"


def _signed_post(query: bytes) -> bytes:
    return raw_request(b"POST", b"/api/v3/order/test?" + query + b"&" + SIGNED_TAIL, [KEY_LINE])


MALFORMED = [
    pytest.param(_signed_post(b"symbol=%zz"), 400, -1100, id="bad-escape"),
    pytest.param(_signed_post(b"symbol=LTC%"), 400, -1100, id="lone-percent"),
    pytest.param(_signed_post(b"symbol=%FF%FE"), 400, -1100, id="escape-not-utf8"),
    pytest.param(_signed_post(b"symbol=%00"), 400, -1100, id="escape-control-char"),
    pytest.param(_signed_post("symbol=１".encode()), 400, -1100, id="raw-utf8-bytes"),
    pytest.param(_signed_post(b"symbol=\xff"), 400, -1100, id="raw-non-utf8-byte"),
    pytest.param(_signed_post(b"=LTCBTC"), 400, -1100, id="empty-name"),
    pytest.param(
        b"GET /api/v3/ping?" + b"a" * (65537 - len(b"GET /api/v3/ping?")),
        414,
        -1000,
        id="oversize-request-line",
    ),
    pytest.param(
        raw_request(b"POST", b"/api/v3/order", [KEY_LINE, FORM_LINE, b"Content-Length: 10000000"]),
        413,
        -1000,
        id="oversize-body",
    ),
    pytest.param(
        raw_request(
            b"POST",
            b"/api/v3/order?" + b"a=" + b"b" * 40000,
            [KEY_LINE, FORM_LINE, b"Content-Length: 30000"],
        ),
        413,
        -1000,
        id="oversize-query-plus-body",
    ),
    pytest.param(
        raw_request(
            b"POST",
            b"/api/v3/order",
            [KEY_LINE, b"Content-Type: application/json"],
            b'{"symbol":"LTCBTC","timestamp":1499827319559,"side":"B"}\n',
        ),
        400,
        -1102,
        id="json-body",
    ),
    pytest.param(
        raw_request(
            b"POST",
            b"/api/v3/order",
            [KEY_LINE],
            f"{DOC_PAYLOAD}&signature={DOC_SIGNATURE}".encode(),
        ),
        400,
        -1102,
        id="form-body-without-content-type",
    ),
    pytest.param(raw_request(b"GET", b"/api/v3/nothing"), 404, -1020, id="unknown-path"),
    pytest.param(raw_request(b"PUT", b"/api/v3/order"), 405, -1020, id="wrong-method"),
    pytest.param(raw_request(b"BREW", b"/api/v3/ping"), 405, -1020, id="unknown-method"),
    pytest.param(b"NONSENSE\r\n\r\n", 400, -1000, id="one-word-request-line"),
    pytest.param(b"\x00\x01\x02 \xff\xfe\r\n\r\n", 400, -1000, id="binary-request-line"),
    pytest.param(b"GET /api/v3/ping HTTP/2.0\r\n\r\n", 400, -1000, id="http-2-request-line"),
    pytest.param(b"GET /api/v3/ping HTTP/x.y\r\n\r\n", 400, -1000, id="bad-http-version"),
    pytest.param(
        raw_request(b"POST", b"/api/v3/order", [b"Content-Length: abc"]),
        400,
        -1000,
        id="bad-content-length",
    ),
    pytest.param(
        raw_request(b"POST", b"/api/v3/order", [b"Transfer-Encoding: chunked"], b"0\r\n\r\n"),
        411,
        -1000,
        id="chunked-body",
    ),
    pytest.param(
        raw_request(b"POST", b"/api/v3/order", [b"Content-Length: 100"], b"short"),
        400,
        -1000,
        id="body-shorter-than-content-length",
    ),
    pytest.param(
        b"GET /api/v3/ping HTTP/1.1\r\nX-Long: " + b"a" * (65537 - len(b"X-Long: ")),
        431,
        -1000,
        id="header-line-too-long",
    ),
]


@pytest.mark.parametrize(("request_bytes", "status", "code"), MALFORMED)
def test_malformed_request_gets_a_json_4xx_and_the_server_keeps_serving(
    ex, capfd, request_bytes, status, code
):
    got_status, body = send_raw(ex, request_bytes)
    assert got_status == status
    assert json.loads(body)["code"] == code
    assert ex.last_verdict.status == status
    assert_still_serving(ex)
    assert capfd.readouterr().err == ""  # the `with` form logs nothing, never a traceback


def test_unexpected_error_inside_the_server_is_a_400_not_a_500(capfd):
    def broken_clock() -> int:
        raise ZeroDivisionError("the clock broke")

    with LocalExchange(clock=broken_clock) as ex:
        assert call(ex, "GET", "/api/v3/time") == (
            400,
            {"code": -1000, "msg": "An unknown error occurred while processing the request."},
        )
        assert ex.last_verdict.check == "internal"
        assert "ZeroDivisionError" in ex.last_verdict.detail
        target = f"/api/v3/order/test?{DOC_PAYLOAD}&signature={DOC_SIGNATURE}"
        assert call(ex, "POST", target, headers=KEY_HEADER)[1]["code"] == -1000
        assert_still_serving(ex)
    assert capfd.readouterr().err == ""


def test_clock_returning_a_float_is_reported_not_crashed():
    with LocalExchange(clock=lambda: 1499827320000.0) as ex:
        target = f"/api/v3/order/test?{DOC_PAYLOAD}&signature={DOC_SIGNATURE}"
        assert call(ex, "POST", target, headers=KEY_HEADER)[1]["code"] == -1000
        assert "integer milliseconds" in ex.last_verdict.detail


def test_a_silent_client_is_disconnected_and_does_not_block_others():
    exchange = LocalExchange(clock=lambda: SERVER_TIME)
    exchange.socket_timeout = 0.3
    with exchange as ex:
        with socket.create_connection(("127.0.0.1", ex.port), timeout=5) as idle:
            idle.sendall(b"GET /api/v3/ping HTTP/1.1\r\n")  # and never finishes
            assert_still_serving(ex)
            started = time.monotonic()
            assert idle.recv(1024) == b""  # closed by the server, no reply
            assert time.monotonic() - started < 3
        with socket.create_connection(("127.0.0.1", ex.port), timeout=5) as stalled:
            stalled.sendall(raw_request(b"POST", b"/api/v3/order", [b"Content-Length: 50"], b"ab"))
            assert stalled.recv(1024).startswith(b"HTTP/1.0 408 ")
        assert_still_serving(ex)


# --- Concurrency ------------------------------------------------------------------------------


def test_concurrent_clients_each_get_their_own_verdict(ex):
    results, failures = [], []

    def client(thread: int) -> None:
        try:
            for i in range(50):
                good = i % 5 != 0  # every fifth request is signed with the wrong secret
                signed = sign_request(
                    "POST",
                    "/api/v3/order",
                    [
                        ("symbol", "LTCBTC"),
                        ("side", "BUY"),
                        ("type", "LIMIT"),
                        ("newClientOrderId", f"t{thread}-{i}"),
                    ],
                    api_key=API_KEY,
                    secret=SECRET if good else "not-the-secret",
                    timestamp=DOC_TIMESTAMP,
                )
                results.append((signed, good, send(signed, ex.base_url)))
        except Exception as exc:  # reported below, in the test's thread
            failures.append(exc)

    threads = [threading.Thread(target=client, args=(t,)) for t in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert failures == []
    assert len(results) == 400
    verdicts = {verdict.target: verdict for verdict in ex.verdicts}
    assert len(verdicts) == 400
    for signed, good, reply in results:
        verdict = verdicts[signed.target]
        assert verdict.payload == signed.payload
        if good:
            assert reply.status == 200
            assert reply.json["clientOrderId"] == dict(signed.query_params)["newClientOrderId"]
            assert verdict.accepted
        else:
            assert reply == (400, BAD_SIGNATURE)
            assert verdict.code == -1022
    order_ids = [reply.json["orderId"] for _, good, reply in results if good]
    assert len(set(order_ids)) == 320


# --- The command line ---------------------------------------------------------------------------


HANG_GUARD_S = 120  # only stops a hung test: the tests below wait on the events themselves


def stderr_until(process, wanted: str, log: list[str]) -> str:
    """Read ``process``'s stderr into ``log`` until a line holds ``wanted`` (the event the
    command line promises); returns the text so far. Fails only if the process ends
    without it, or after ``HANG_GUARD_S``: never on a busy machine's slowness."""
    deadline = time.monotonic() + HANG_GUARD_S
    while not any(wanted in line for line in "".join(log).splitlines()):
        ready, _, _ = select.select([process.stderr], [], [], max(0.0, deadline - time.monotonic()))
        assert ready, f"no {wanted!r} after {HANG_GUARD_S} s: {''.join(log)}"
        chunk = os.read(process.stderr.fileno(), 65536)
        assert chunk, f"the process ended without {wanted!r}: {''.join(log)}"
        log.append(chunk.decode())
    return "".join(log)


def sigint_ignored() -> None:
    """In the child before exec: SIGINT ignored, as a non-interactive shell leaves it for a
    command run in the background (``make test & ...``)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


@pytest.mark.parametrize("inherited", ["default", "ignored"])
def test_command_line_serves_logs_and_stops_on_ctrl_c(inherited):
    process = subprocess.Popen(
        [sys.executable, "-m", "helpers.exchange", "--port", "0"],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
        preexec_fn=sigint_ignored if inherited == "ignored" else None,
    )
    log: list[str] = []
    try:
        banner = stderr_until(process, "listening on http://127.0.0.1:", log)
        port = int(re.search(r"listening on http://127\.0\.0\.1:([0-9]+)", banner)[1])
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=HANG_GUARD_S)
        conn.request("GET", "/api/v3/ping")
        response = conn.getresponse()
        assert (response.status, json.loads(response.read())) == (200, {})
        conn.close()
        process.send_signal(signal.SIGINT)
        stderr_until(process, "helpers.exchange: stopped", log)
        process.wait(timeout=HANG_GUARD_S)
        log.append(process.stderr.read().decode())
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        process.stderr.close()
    text = "".join(log)
    assert process.returncode == 0, text
    assert "Traceback" not in text
    assert "GET /api/v3/ping 200 -" in text.splitlines()
    assert text.splitlines()[-1] == "helpers.exchange: stopped"


# --- Keys, verdicts, assumptions ------------------------------------------------------------------


def test_key_repr_never_shows_the_secret():
    key = HmacKey(SECRET)
    assert SECRET not in repr(key) and SECRET not in str(key)
    assert repr(key) == "HmacKey(secret=<hidden>)"
    exchange = LocalExchange(keys={API_KEY: key})
    assert SECRET not in repr(exchange)


def test_verdict_shows_no_secret(ex):
    call(ex, "POST", f"/api/v3/order?{DOC_PAYLOAD}&signature={DOC_SIGNATURE}", None, KEY_HEADER)
    verdict = ex.last_verdict
    assert isinstance(verdict, Verdict)
    assert SECRET not in repr(verdict) + verdict._repr_html_() + json.dumps(verdict.to_dict())


def test_register_key_refuses_what_could_never_match():
    exchange = LocalExchange()
    with pytest.raises(ValueError, match="letters and digits"):
        exchange.register_key("my key", HmacKey("s"))
    with pytest.raises(TypeError, match="HmacKey"):
        exchange.register_key("K" * 64, "a secret string is not a key object")
    with pytest.raises(TypeError):
        HmacKey("")


def test_no_keys_means_every_signed_request_is_rejected():
    with LocalExchange(keys={}, clock=lambda: SERVER_TIME) as ex:
        target = f"/api/v3/order/test?{DOC_PAYLOAD}&signature={DOC_SIGNATURE}"
        assert call(ex, "POST", target, headers=KEY_HEADER) == (401, REJECTED_KEY)


def test_base_url_before_start_says_how_to_start():
    with pytest.raises(RuntimeError, match="with LocalExchange"):
        _ = LocalExchange().base_url


def test_assumptions_table_rows_are_cited_or_marked_unverified():
    rows = assumptions()
    behaviours = {behaviour for behaviour, _, _ in rows}
    for expected in (
        "Signature payload",
        "Where `signature` may sit",
        "Check order",
        "Size limit",
        "Bodies that are not forms",
        "recvWindow over 60000",
        "HTTP status of -2014 and -2015",
    ):
        assert expected in behaviours
    for behaviour, choice, source in rows:
        assert behaviour and choice and source
        assert "|" not in behaviour + choice + source  # they render as a markdown table
        if (behaviour, choice, source) in PRODUCT_ASSUMPTIONS:
            continue  # cited by URL or source id: tests/beyond/test_product_assumptions.py
        cites_docs = "REST API" in source or "errors.md" in source
        assert cites_docs or "not verified against Binance" in source, behaviour
        assert f"| {behaviour} | {choice} | {source} |" in helpers.exchange.__doc__
