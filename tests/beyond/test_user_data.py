"""User-data streams after the listenKey, on the local exchange's WebSocket API:
``userDataStream.subscribe.signature`` signed by the kit's signer and by a from-scratch
HMAC (as the learner writes it), ``userDataStream.subscribe`` after ``session.logon``,
unsubscribing, and the retired listenKey methods. Expected payloads and codes are written
here by hand (web-socket-api.md § User Data Stream requests; errors.md)."""

import hashlib
import hmac
import json

import pytest
from cryptography.hazmat.primitives.asymmetric import ed25519

from helpers.exchange import Ed25519Key, HmacKey, LocalExchange
from helpers.websocket import ws_request

NOW = 1_747_385_641_636  # the docs' example timestamp
SECRET = "userDataSecret42"
API_KEY = "userDataKey1"
SUBSCRIBE = "userDataStream.subscribe.signature"


@pytest.fixture
def exchange():
    return LocalExchange(keys={API_KEY: HmacKey(SECRET)}, clock=lambda: NOW)


def by_hand(params: dict[str, object]) -> dict[str, object]:
    """The learner's way: sort the params by name, join name=value with &, HMAC it."""
    payload = "&".join(f"{name}={value}" for name, value in sorted(params.items()))
    signature = hmac.new(SECRET.encode(), payload.encode(), hashlib.sha256).hexdigest()
    return {**params, "signature": signature}


def test_the_kits_signer_subscribes(exchange):
    request = ws_request(SUBSCRIBE, request_id="a", api_key=API_KEY, secret=SECRET,
                         timestamp=NOW)  # fmt: skip
    assert exchange.handle_ws(request.json()) == {
        "id": "a", "status": 200, "result": {"subscriptionId": 0}
    }  # fmt: skip
    verdict = exchange.last_verdict
    assert verdict.payload == f"apiKey={API_KEY}&timestamp={NOW}"
    assert verdict.security == "USER_STREAM" and verdict.accepted


def test_a_signature_made_by_hand_subscribes_with_a_recv_window(exchange):
    params = by_hand({"apiKey": API_KEY, "timestamp": NOW, "recvWindow": 5000})
    text = json.dumps({"id": 7, "method": SUBSCRIBE, "params": params})
    assert exchange.handle_ws(text)["result"] == {"subscriptionId": 0}
    assert exchange.last_verdict.payload == f"apiKey={API_KEY}&recvWindow=5000&timestamp={NOW}"


@pytest.mark.parametrize("change,code", [
    ({"timestamp": NOW + 1}, -1022),             # signed one timestamp, sent another
    ({"timestamp": NOW - 5001}, -1021),          # outside the default recvWindow
    ({"recvWindow": 60001}, -1102),              # over the documented 60000 (order: before -1022)
    ({"signature": None}, -1102),              # null: not sent, as the model reads it
    ({"apiKey": "nobody"}, -2015),
])  # fmt: skip
def test_the_subscription_is_judged_like_any_signed_request(exchange, change, code):
    params = {**by_hand({"apiKey": API_KEY, "timestamp": NOW}), **change}
    reply = exchange.handle_ws(json.dumps({"id": 1, "method": SUBSCRIBE, "params": params}))
    assert reply["error"]["code"] == code, reply


def test_a_missing_signature_is_mandatory(exchange):
    params = {"apiKey": API_KEY, "timestamp": NOW}
    reply = exchange.handle_ws(json.dumps({"id": 1, "method": SUBSCRIBE, "params": params}))
    assert reply["error"] == {
        "code": -1102,
        "msg": "Mandatory parameter 'signature' was not sent, was empty/null, or malformed.",
    }


def test_subscribe_needs_a_session():
    private = ed25519.Ed25519PrivateKey.generate()
    exchange = LocalExchange(keys={"edKey1": Ed25519Key(private.public_key())},
                             clock=lambda: NOW)  # fmt: skip
    plain = json.dumps({"id": 1, "method": "userDataStream.subscribe"})
    assert exchange.handle_ws(plain)["error"] == {
        "code": -1002, "msg": "You are not authorized to execute this request."
    }  # fmt: skip
    logon = ws_request("session.logon", {}, request_id=2, api_key="edKey1", timestamp=NOW,
                       key_type="Ed25519", private_key=private)  # fmt: skip
    assert exchange.handle_ws(logon.json())["status"] == 200
    assert exchange.handle_ws(plain)["result"] == {"subscriptionId": 0}
    status = json.dumps({"id": 3, "method": "session.status"})
    assert exchange.handle_ws(status)["result"]["userDataStream"] is True
    exchange.handle_ws(json.dumps({"id": 4, "method": "session.logout"}))
    assert exchange.handle_ws(status)["result"]["userDataStream"] is False


def test_logout_keeps_signature_subscriptions(exchange):
    request = ws_request(SUBSCRIBE, request_id=1, api_key=API_KEY, secret=SECRET, timestamp=NOW)
    exchange.handle_ws(request.json())
    exchange.handle_ws(json.dumps({"id": 2, "method": "session.logout"}))
    listed = exchange.handle_ws(json.dumps({"id": 3, "method": "session.subscriptions"}))
    assert listed["result"] == [{"subscriptionId": 0}]
    gone = exchange.handle_ws(json.dumps({"id": 4, "method": "userDataStream.unsubscribe",
                                          "params": {"subscriptionId": 0}}))  # fmt: skip
    assert gone["result"] == {}
    listed = exchange.handle_ws(json.dumps({"id": 5, "method": "session.subscriptions"}))
    assert listed["result"] == []


@pytest.mark.parametrize("method", ["userDataStream.start", "userDataStream.ping",
                                    "userDataStream.stop"])  # fmt: skip
def test_the_retired_methods_are_refused(exchange, method):
    reply = exchange.handle_ws(json.dumps({"id": 1, "method": method,
                                           "params": {"apiKey": API_KEY}}))  # fmt: skip
    assert reply["error"] == {"code": -1020, "msg": "This operation is not supported."}
    assert "retired on 2026-02-20" in exchange.last_verdict.detail
