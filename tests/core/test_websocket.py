"""The WebSocket API: the sorted raw payload against Binance's vectors and openssl, the
request builder, and LocalExchange.handle_ws judging requests given as JSON text.

Expected payloads and signatures are the docs' literals (WebSocket API, "SIGNED request
security"; re-computed with openssl in the facts sheet). Ed25519 has no official vector:
it is checked against `openssl pkeyutl -sign -rawin` and the public key.
"""

import base64
import json
import subprocess
import urllib.parse

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ed25519, rsa
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers.exchange import Ed25519Key, HmacKey, LocalExchange, RsaKey
from helpers.params import query_string, ws_payload
from helpers.signing import ed25519_signature, hmac_sha256_hex
from helpers.websocket import WsRequest, ws_request

API_KEY = "vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A"
SECRET = "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j"
ED_API_KEY = "KitFakeEd25519ApiKey"
RSA_API_KEY = "KitFakeRsaApiKey"
SEED = b"kit-example-seed-not-a-real-key!"  # visibly fake

TIMESTAMP = 1645423376532
SERVER_TIME = TIMESTAMP + 68  # inside the docs' recvWindow of 100 ms

# WebSocket API, SIGNED request security: the docs' two examples.
ASCII_PARAMS = {
    "symbol": "BTCUSDT",
    "side": "SELL",
    "type": "LIMIT",
    "timeInForce": "GTC",
    "quantity": "0.01000000",
    "price": "52000.00",
    "recvWindow": 100,
    "timestamp": TIMESTAMP,
    "apiKey": API_KEY,
}
ASCII_PAYLOAD = (
    f"apiKey={API_KEY}&price=52000.00&quantity=0.01000000&recvWindow=100&side=SELL"
    "&symbol=BTCUSDT&timeInForce=GTC&timestamp=1645423376532&type=LIMIT"
)
ASCII_SIGNATURE = "aa1b5712c094bc4e57c05a1a5c1fd8d88dcd628338ea863fec7b88e59fe2db24"
NON_ASCII_PARAMS = {
    "symbol": "１２３４５６",
    "side": "BUY",
    "type": "LIMIT",
    "timeInForce": "GTC",
    "quantity": "1.00000000",
    "price": "0.10000000",
    "recvWindow": 5000,
    "timestamp": TIMESTAMP,
    "apiKey": API_KEY,
}
NON_ASCII_PAYLOAD = (
    f"apiKey={API_KEY}&price=0.10000000&quantity=1.00000000&recvWindow=5000&side=BUY"
    "&symbol=１２３４５６&timeInForce=GTC&timestamp=1645423376532&type=LIMIT"
)
NON_ASCII_SIGNATURE = "b33892ae8e687c939f4468c6268ddd4c40ac1af18ad19a064864c47bae0752cd"
VECTORS = [
    (ASCII_PARAMS, ASCII_PAYLOAD, ASCII_SIGNATURE),
    (NON_ASCII_PARAMS, NON_ASCII_PAYLOAD, NON_ASCII_SIGNATURE),
]
BAD_SIGNATURE = {"code": -1022, "msg": "Signature for this request is not valid."}

NAMES = st.text(
    st.characters(min_codepoint=0x21, max_codepoint=0x7E, blacklist_characters="&="),
    min_size=1,
    max_size=12,
)
VALUES = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=20)


def order_params(params: dict) -> list[tuple[str, object]]:
    """The method's own params (apiKey, recvWindow, timestamp are added by ws_request)."""
    return [(k, v) for k, v in params.items() if k not in ("apiKey", "recvWindow", "timestamp")]


@pytest.fixture(scope="module")
def ed_key():
    return ed25519.Ed25519PrivateKey.from_private_bytes(SEED)


@pytest.fixture(scope="module")
def rsa_key():
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


@pytest.fixture
def ex(ed_key, rsa_key):
    keys = {
        API_KEY: HmacKey(SECRET),
        ED_API_KEY: Ed25519Key(ed_key.public_key()),
        RSA_API_KEY: RsaKey(rsa_key.public_key()),
    }
    return LocalExchange(keys=keys, clock=lambda: SERVER_TIME)  # handle_ws needs no server


def request_text(method, params, request_id="kit-1") -> str:
    return json.dumps({"id": request_id, "method": method, "params": params}, ensure_ascii=False)


def signed_params(params: dict, secret: str = SECRET) -> dict:
    return {**params, "signature": hmac_sha256_hex(secret, ws_payload(params))}


# --- the payload ---------------------------------------------------------------------------


@pytest.mark.parametrize(("params", "payload", "signature"), VECTORS)
def test_docs_vectors(openssl_hmac, params, payload, signature):
    assert ws_payload(params) == payload
    assert ws_payload({**params, "signature": "------ FILL ME ------"}) == payload
    assert hmac_sha256_hex(SECRET, ws_payload(params)) == signature
    assert openssl_hmac(SECRET.encode(), ws_payload(params).encode()) == signature


def test_the_rest_payload_differs_only_where_the_docs_say():
    ordered = sorted(ASCII_PARAMS.items())
    assert query_string(ordered) == ASCII_PAYLOAD  # ASCII: encoding changes nothing
    encoded = query_string(sorted(NON_ASCII_PARAMS.items()))
    assert encoded != NON_ASCII_PAYLOAD and "%EF%BC%91" in encoded
    assert hmac_sha256_hex(SECRET, encoded) != NON_ASCII_SIGNATURE


@pytest.mark.parametrize(
    ("params", "error", "words"),
    [
        ({"price": 0.1}, TypeError, "'price': float"),
        ({"flag": True}, TypeError, "'flag': bool"),
        ({"x": None}, TypeError, "'x' is None"),
        ({"x": ""}, ValueError, "'x' is empty"),
        ({"symbols": ["A", "B"]}, TypeError, "list values"),
        ([("a", "1"), ("a", "2")], ValueError, "'a' appears twice"),
        ([("", "1")], TypeError, "non-empty str"),
        ("symbol=BTCUSDT", TypeError, "params: expected a mapping"),
    ],
)
def test_ws_payload_refusals_name_the_parameter(params, error, words):
    with pytest.raises(error, match=words):
        ws_payload(params)


@given(
    params=st.dictionaries(
        NAMES, VALUES.filter(lambda v: "&" not in v), min_size=1, max_size=8
    )
)
def test_ws_payload_is_sorted_raw_and_matches_openssl(openssl_hmac, params):
    payload = ws_payload({**params, "signature": "x"} if "signature" not in params else params)
    pairs = [pair.split("=", 1) for pair in payload.split("&")] if payload else []
    names = [name for name, _ in pairs]
    assert names == sorted(n for n in params if n != "signature")
    assert all(params[name] == value for name, value in pairs)  # raw: no percent-encoding
    assert hmac_sha256_hex(SECRET, payload) == openssl_hmac(SECRET.encode(), payload.encode())


@settings(max_examples=20)
@given(params=st.dictionaries(NAMES, VALUES, min_size=1, max_size=6))
def test_ed25519_over_the_ws_payload_equals_openssl(tmp_path_factory, ed_key, params):
    folder = tmp_path_factory.mktemp("ws")
    key_file, message = folder / "k.pem", folder / "payload.txt"
    key_file.write_bytes(
        ed_key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    payload = ws_payload(params)
    if not payload:
        return
    message.write_bytes(payload.encode())
    out = subprocess.run(
        ["openssl", "pkeyutl", "-sign", "-rawin", "-inkey", str(key_file), "-in", str(message)],
        capture_output=True,
        check=True,
    ).stdout
    assert ed25519_signature(ed_key, payload) == base64.b64encode(out).decode()


# --- the request builder -------------------------------------------------------------------------


@pytest.mark.parametrize(("params", "payload", "signature"), VECTORS)
def test_ws_request_reproduces_the_docs(params, payload, signature):
    request = ws_request(
        "order.place",
        order_params(params),
        request_id="kit-order-1",
        api_key=API_KEY,
        secret=SECRET,
        timestamp=TIMESTAMP,
        recv_window=params["recvWindow"],
    )
    assert isinstance(request, WsRequest)
    assert request.payload == payload and request.signature == signature
    sent = json.loads(request.json())
    assert sent == {
        "id": "kit-order-1",
        "method": "order.place",
        "params": {**params, "signature": signature},
    }
    assert list(sent["params"])[-1] == "signature"
    assert "１２３４５６" in request.json() or params is ASCII_PARAMS  # UTF-8, not \\u escapes
    assert request.payload_bytes == payload.encode()


def test_ws_request_base64_goes_into_json_as_is(ed_key):
    request = ws_request(
        "session.logon", request_id="kit-logon", api_key=ED_API_KEY, key_type="Ed25519",
        private_key=ed_key, timestamp=TIMESTAMP,
    )  # fmt: skip
    assert request.payload == f"apiKey={ED_API_KEY}&timestamp={TIMESTAMP}"
    assert json.loads(request.json())["params"]["signature"] == request.signature
    assert "%" not in request.json()
    assert request.key_type == "Ed25519"
    assert "apiKey             $BINANCE_API_KEY" in repr(request)  # the payload holds it
    assert "params.signature, as is" in repr(request)
    assert request._repr_html_().startswith("<table>")


@pytest.mark.parametrize(
    ("args", "kwargs", "error", "words"),
    [
        (("order.place", {"timestamp": 1}), {}, ValueError, "pass timestamp="),
        (("order.place", {"apiKey": API_KEY}), {}, ValueError, "pass api_key="),
        (("order.place", {"signature": "x"}), {}, ValueError, "signs the request"),
        (("order.place", {"recvWindow": 5}), {}, ValueError, "pass recv_window="),
        (("order.place", {"price": 0.1}), {}, TypeError, "'price': float"),
        (("order place",), {}, ValueError, "method: expected"),
        (("order.place",), {"request_id": True}, TypeError, "request_id"),
        (("order.place",), {"request_id": ""}, TypeError, "request_id"),
        (("order.place",), {"timestamp": 1645423376.5}, TypeError, "timestamp"),
        (("order.place",), {"api_key": ""}, TypeError, "api_key"),
        (("order.place",), {"secret": None, "key_type": "Ed25519"}, TypeError, "private_key"),
    ],
)
def test_ws_request_refusals(args, kwargs, error, words):
    kwargs = {"request_id": "r", "api_key": API_KEY, "secret": SECRET, "timestamp": TIMESTAMP} | (
        kwargs
    )
    with pytest.raises(error, match=words):
        ws_request(*args, **kwargs)


# --- handle_ws ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("params", "payload", "signature"), VECTORS)
def test_docs_requests_are_accepted(ex, params, payload, signature):
    response = ex.handle_ws(request_text("order.test", {**params, "signature": signature}))
    assert response == {"id": "kit-1", "status": 200, "result": {}}
    verdict = ex.last_verdict
    assert (verdict.method, verdict.target, verdict.payload) == ("WS", "order.test", payload)
    assert verdict.accepted and verdict.key_kind == "HMAC"


def test_order_place_returns_the_order(ex):
    response = ex.handle_ws(request_text("order.place", signed_params(ASCII_PARAMS), 7))
    assert response["id"] == 7 and response["status"] == 200
    order = response["result"]
    assert (order["symbol"], order["side"], order["status"], order["price"]) == (
        "BTCUSDT",
        "SELL",
        "NEW",
        "52000.00",
    )


def test_the_rest_signer_reused_on_the_ws_api_is_rejected(ex):
    # Sorted, but percent-encoded as REST requires: fine for ASCII, wrong for １２３４５６.
    encoded = query_string(sorted(NON_ASCII_PARAMS.items()))
    params = {**NON_ASCII_PARAMS, "signature": hmac_sha256_hex(SECRET, encoded)}
    assert ex.handle_ws(request_text("order.test", params))["error"] == BAD_SIGNATURE
    assert ex.last_verdict.payload == NON_ASCII_PAYLOAD
    assert "params sorted by name, values raw" in ex.last_verdict.detail
    # In the order sent, as REST signs.
    unsorted = "&".join(f"{k}={v}" for k, v in ASCII_PARAMS.items())
    params = {**ASCII_PARAMS, "signature": hmac_sha256_hex(SECRET, unsorted)}
    assert ex.handle_ws(request_text("order.test", params))["error"] == BAD_SIGNATURE


@pytest.mark.parametrize("key_type", ["Ed25519", "RSA"])
def test_ed25519_and_rsa_requests(ex, ed_key, rsa_key, key_type):
    key, api_key = (ed_key, ED_API_KEY) if key_type == "Ed25519" else (rsa_key, RSA_API_KEY)
    request = ws_request(
        "order.place", order_params(NON_ASCII_PARAMS), request_id="kit-order", api_key=api_key,
        key_type=key_type, private_key=key, timestamp=TIMESTAMP, recv_window=5000,
    )  # fmt: skip
    assert ex.handle_ws(request.json())["status"] == 200, ex.last_verdict
    assert ex.last_verdict.key_kind == key_type
    # Percent-encoding the base64, a REST habit, breaks it on the WebSocket API.
    sent = request.to_dict()
    sent["params"]["signature"] = urllib.parse.quote(request.signature, safe="")
    assert ex.handle_ws(json.dumps(sent))["error"] == BAD_SIGNATURE
    assert "%-escapes" in ex.last_verdict.detail
    # Base64 is case-sensitive.
    sent["params"]["signature"] = request.signature.swapcase()
    assert ex.handle_ws(json.dumps(sent))["error"] == BAD_SIGNATURE


def test_json_numbers_are_signed_as_their_literal_text(ex):
    text = json.dumps(signed_params({**ASCII_PARAMS, "price": "52000.00"}))
    text = text.replace('"price": "52000.00"', '"price": 52000.00')  # a JSON number now
    assert '"price": 52000.00' in text
    assert ex.handle_ws(f'{{"id": 1, "method": "order.test", "params": {text}}}')["status"] == 200
    assert "price=52000.00" in ex.last_verdict.payload


def test_session_logon_with_ed25519_then_orders_without_signature(ex, ed_key):
    logon = ws_request(
        "session.logon", request_id="kit-logon", api_key=ED_API_KEY, key_type="Ed25519",
        private_key=ed_key, timestamp=TIMESTAMP,
    )  # fmt: skip
    response = ex.handle_ws(logon.json())
    assert response == {
        "id": "kit-logon",
        "status": 200,
        "result": {
            "apiKey": ED_API_KEY,
            "authorizedSince": SERVER_TIME,
            "connectedSince": SERVER_TIME,
            "returnRateLimits": False,
            "serverTime": SERVER_TIME,
            "userDataStream": False,
        },
    }
    order = {k: v for k, v in ASCII_PARAMS.items() if k != "apiKey"}
    assert ex.handle_ws(request_text("order.test", order, "kit-2"))["status"] == 200
    assert ex.last_verdict.key_kind == "Ed25519"
    assert any("authorized by the session" in note for note in ex.last_verdict.notes)
    no_time = {k: v for k, v in order.items() if k != "timestamp"}
    assert ex.handle_ws(request_text("order.test", no_time))["error"]["code"] == -1102
    status = ex.handle_ws('{"id": "s", "method": "session.status"}')["result"]
    assert status["apiKey"] == ED_API_KEY
    out = ex.handle_ws('{"id": "o", "method": "session.logout"}')["result"]
    assert out["apiKey"] is None and out["authorizedSince"] is None
    assert ex.handle_ws(request_text("order.test", order))["error"]["code"] == -1102


@pytest.mark.parametrize("api_key", [API_KEY, RSA_API_KEY])
def test_session_logon_refuses_other_key_types(ex, rsa_key, api_key):
    if api_key == API_KEY:
        logon = ws_request(
            "session.logon", request_id="l", api_key=API_KEY, secret=SECRET, timestamp=TIMESTAMP
        )
    else:
        logon = ws_request(
            "session.logon", request_id="l", api_key=RSA_API_KEY, key_type="RSA",
            private_key=rsa_key, timestamp=TIMESTAMP,
        )  # fmt: skip
    assert ex.handle_ws(logon.json()) == {"id": "l", "status": 400, "error": BAD_SIGNATURE}
    assert ex.last_verdict.check == "key-type"
    assert "Ed25519 keys only" in ex.last_verdict.detail


@pytest.mark.parametrize(
    ("text", "status", "code"),
    [
        ("{nope", 400, -1135),
        ("[1, 2]", 400, -1135),
        ('{"id": 1}', 400, -1135),
        ('{"id": 1.5, "method": "order.test"}', 400, -1135),
        ('{"id": [], "method": "order.test"}', 400, -1135),
        ('{"id": 1, "method": "order.test", "params": [1]}', 400, -1135),
        ('{"id": 1, "method": "time"}', 400, -1020),
        ('{"id": 1, "method": "order.test", "params": {}}', 400, -1102),
        ('{"id": 1, "method": "order.test", "params": {"apiKey": "no such"}}', 401, -2014),
        ('{"id": 1, "method": "order.test", "params": {"apiKey": "Unknown1"}}', 401, -2015),
    ],
)
def test_malformed_requests(ex, text, status, code):
    response = ex.handle_ws(text)
    assert (response["status"], response["error"]["code"]) == (status, code)


@pytest.mark.parametrize(
    ("change", "code"),
    [
        (lambda p: p.pop("timestamp"), -1102),
        (lambda p: p.pop("signature"), -1102),
        (lambda p: p.update(timestamp="soon"), -1102),
        (lambda p: p.update(side=""), -1105),
        (lambda p: p.update(side=None), -1105),
        (lambda p: p.update(side=["BUY"]), -1100),
        (lambda p: p.update(side="BU\nY"), -1100),
        (lambda p: p.update(recvWindow=60001), -1102),
        (lambda p: p.update(timestamp=TIMESTAMP - 101), -1021),
        (lambda p: p.update(timestamp=TIMESTAMP + 2000), -1021),
        (lambda p: p.update(quantity="1e-05"), -1022),  # signed before the change
    ],
)
def test_checks_in_order(ex, change, code):
    params = signed_params(ASCII_PARAMS)
    change(params)
    assert ex.handle_ws(request_text("order.test", params))["error"]["code"] == code


def test_duplicate_params_and_bad_decimals(ex):
    text = request_text("order.test", signed_params(ASCII_PARAMS))
    twice = text.replace('"side": "SELL"', '"side": "SELL", "side": "BUY"')
    assert ex.handle_ws(twice)["error"]["code"] == -1101
    params = signed_params({**ASCII_PARAMS, "quantity": "1e-05"})
    assert ex.handle_ws(request_text("order.test", params))["error"]["code"] == -1100


def test_version_prefix_and_ids(ex):
    params = signed_params(ASCII_PARAMS)
    assert ex.handle_ws(request_text("v3/order.test", params, None)) == {
        "id": None,
        "status": 200,
        "result": {},
    }
    assert ex.handle_ws(request_text("order.test", params, 42))["id"] == 42


def test_handle_ws_wants_text(ex):
    with pytest.raises(TypeError, match="pass json.dumps"):
        ex.handle_ws({"id": 1, "method": "order.test"})
    assert ex.handle_ws(request_text("order.test", signed_params(ASCII_PARAMS)).encode())[
        "status"
    ] == 200


@given(text=st.text(max_size=200))
def test_handle_ws_never_raises(text):
    exchange = LocalExchange(clock=lambda: SERVER_TIME)
    response = exchange.handle_ws(text)
    assert set(response) == {"id", "status", "error"}
    assert response["status"] in (400, 401)
    assert exchange.last_verdict.check != "internal"


@given(
    params=st.dictionaries(
        NAMES.filter(lambda n: n not in ("apiKey", "signature", "timestamp", "recvWindow")),
        st.one_of(VALUES, st.integers(), st.booleans(), st.none(), st.floats()),
        max_size=6,
    )
)
def test_handle_ws_never_raises_on_any_params(params):
    exchange = LocalExchange(clock=lambda: SERVER_TIME)
    params = {**params, "apiKey": API_KEY, "timestamp": TIMESTAMP, "signature": "x"}
    response = exchange.handle_ws(request_text("order.test", params))
    assert response["status"] == 400
    assert exchange.last_verdict.check != "internal"
