"""The -2015 model over real HTTP: a key of another environment, a read-only
key on a TRADE endpoint, a key restricted to other addresses — each refused with -2015
"Invalid API-key, IP, or permissions for action." (errors.md, REJECTED_MBX_KEY; the
message is quoted from the docs here, not read from the code under test).
"""

import json

import pytest
from cryptography.hazmat.primitives.asymmetric import ed25519

from helpers.exchange import Ed25519Key, HmacKey, LocalExchange
from helpers.request import send, sign_request
from helpers.websocket import ws_request

NOW = 1_700_000_000_000
REJECTED = {"code": -2015, "msg": "Invalid API-key, IP, or permissions for action."}
SECRET = "s" * 64
ORDER = {"symbol": "BTCUSDT", "side": "BUY", "type": "MARKET", "quantity": "1"}


def order(api_key: str, path: str = "/api/v3/order"):
    return sign_request("POST", path, ORDER, api_key=api_key, timestamp=NOW, secret=SECRET)


def account(api_key: str):
    return sign_request("GET", "/api/v3/account", api_key=api_key, timestamp=NOW, secret=SECRET)


@pytest.fixture
def live():
    with LocalExchange(keys={}, clock=lambda: NOW) as exchange:
        yield exchange


def test_a_key_of_another_environment_is_unknown_here(live):
    with LocalExchange(keys={}, clock=lambda: NOW) as testnet:
        testnet.register_key("testnetKey", HmacKey(SECRET))
        assert send(order("testnetKey"), testnet.base_url).status == 200
        reply = send(order("testnetKey"), live.base_url)
    assert (reply.status, reply.json) == (401, REJECTED)
    assert "no key is registered" in live.last_verdict.detail


def test_a_read_only_key_is_refused_on_trade_endpoints_only(live):
    live.register_key("readOnly", HmacKey(SECRET), permissions=("USER_DATA",))
    for path in ("/api/v3/order", "/api/v3/order/test"):
        reply = send(order("readOnly", path), live.base_url)
        assert (reply.status, reply.json) == (401, REJECTED), path
        assert "TRADE" in live.last_verdict.detail
    assert send(account("readOnly"), live.base_url).status == 200
    cancel = sign_request("DELETE", "/api/v3/order", {"symbol": "BTCUSDT", "orderId": "1"},
                          api_key="readOnly", timestamp=NOW, secret=SECRET)  # fmt: skip
    assert send(cancel, live.base_url).json == REJECTED


def test_a_trade_only_key_is_refused_on_user_data_endpoints(live):
    live.register_key("tradeOnly", HmacKey(SECRET), permissions=("TRADE",))
    assert send(order("tradeOnly"), live.base_url).status == 200
    assert send(account("tradeOnly"), live.base_url).json == REJECTED


def test_a_key_restricted_to_other_addresses_is_refused_everywhere(live):
    live.register_key("fenced", HmacKey(SECRET), allowed_ips=("203.0.113.7",))
    for signed in (order("fenced"), account("fenced")):
        reply = send(signed, live.base_url)
        assert (reply.status, reply.json) == (401, REJECTED)
        assert "203.0.113.7" in live.last_verdict.detail
        assert "127.0.0.1" in live.last_verdict.detail
    live.register_key("fenced", HmacKey(SECRET), allowed_ips=("203.0.113.7", "127.0.0.1"))
    assert send(order("fenced"), live.base_url).status == 200


def test_the_default_key_may_trade_and_read(live):
    live.register_key("full", HmacKey(SECRET))
    assert send(order("full"), live.base_url).status == 200
    assert send(account("full"), live.base_url).status == 200


def test_the_websocket_api_applies_the_same_rules():
    private = ed25519.Ed25519PrivateKey.generate()
    exchange = LocalExchange(keys={}, clock=lambda: NOW)
    public = Ed25519Key(private.public_key())
    exchange.register_key("wsReadOnly", public, permissions=("USER_DATA",))
    exchange.register_key("wsFenced", public, allowed_ips=("10.0.0.1",))

    for api_key, method in (("wsReadOnly", "order.test"), ("wsFenced", "order.test"),
                            ("wsFenced", "session.logon")):  # fmt: skip
        params = ORDER if method == "order.test" else {}
        request = ws_request(method, params, request_id=1, api_key=api_key, timestamp=NOW,
                             key_type="Ed25519", private_key=private)  # fmt: skip
        reply = exchange.handle_ws(request.json())
        assert reply["error"] == REJECTED, (api_key, method)
    logon = ws_request("session.logon", {}, request_id=2, api_key="wsReadOnly", timestamp=NOW,
                       key_type="Ed25519", private_key=private)  # fmt: skip
    assert exchange.handle_ws(logon.json())["status"] == 200


@pytest.mark.parametrize("kwargs,error", [
    ({"permissions": ("WITHDRAW",)}, ValueError),
    ({"permissions": "TRADE"}, TypeError),
    ({"allowed_ips": ("not an address",)}, ValueError),
    ({"allowed_ips": "127.0.0.1"}, TypeError),
])  # fmt: skip
def test_register_key_refuses_bad_access(kwargs, error):
    with pytest.raises(error, match=f"^{next(iter(kwargs))}"):
        LocalExchange(keys={}).register_key("k", HmacKey(SECRET), **kwargs)


def test_the_verdict_is_served_as_json_too(live):
    live.register_key("readOnly", HmacKey(SECRET), permissions=("USER_DATA",))
    send(order("readOnly"), live.base_url)
    assert json.loads(json.dumps(live.last_verdict.to_dict()))["code"] == -2015
