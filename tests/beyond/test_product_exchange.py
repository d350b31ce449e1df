"""The local exchange's product mode, over real HTTP and in-process: the same signature
``sign_request`` makes is accepted on ``POST /fapi/v1/order`` by
``LocalExchange(product="usdm-futures")``; each product answers its own paths; a key from
another product or environment is refused with that product's code; the retired listenKey
paths answer HTTP 410 with an HTML page. Expected signatures are computed here with
``hmac`` directly, expected codes and messages written by hand."""

import hashlib
import hmac

import pytest
import requests

from helpers.exchange import ExchangeCore, ExchangeState, HmacKey, LocalExchange, RawRequest
from helpers.keys.products import products
from helpers.request import send, sign_request

NOW = 1_700_000_000_000
SECRET = "futuresSecret0123456789"
API_KEY = "futuresKey1"
ORDER = {"symbol": "BTCUSDT", "side": "BUY", "type": "LIMIT", "timeInForce": "GTC",
         "quantity": "0.002", "price": "60000"}  # fmt: skip
INVALID_ID = {"code": -2008, "msg": "Invalid Api-Key ID."}
REJECTED = {"code": -2015, "msg": "Invalid API-key, IP, or permissions for action."}


def signed(path: str, api_key: str = API_KEY, method: str = "POST", params=ORDER):
    return sign_request(method, path, params, api_key=api_key, timestamp=NOW, secret=SECRET)


@pytest.fixture
def futures():
    keys = {API_KEY: HmacKey(SECRET)}
    with LocalExchange(product="usdm-futures", keys=keys, clock=lambda: NOW) as exchange:
        yield exchange


def test_a_futures_order_signed_by_the_kit_is_accepted(futures):
    request = signed("/fapi/v1/order")
    expected = hmac.new(SECRET.encode(), request.payload.encode(), hashlib.sha256).hexdigest()
    assert request.signature == expected
    assert request.signature == signed("/api/v3/order").signature  # the path is not signed
    reply = send(request, futures.base_url)
    assert reply.status == 200 and reply.json["symbol"] == "BTCUSDT"
    assert futures.last_verdict.accepted and futures.last_verdict.path == "/fapi/v1/order"


def test_the_same_core_judges_a_futures_request(futures):
    bad = signed("/fapi/v1/order")
    tampered = bad.sent_query.replace("price=60000", "price=60001")
    reply = requests.post(f"{futures.base_url}/fapi/v1/order?{tampered}",
                          headers={"X-MBX-APIKEY": API_KEY}, timeout=10)  # fmt: skip
    assert reply.status_code == 400 and reply.json()["code"] == -1022
    late = sign_request("GET", "/fapi/v3/account", api_key=API_KEY, timestamp=NOW - 60_001,
                        secret=SECRET, recv_window=60_000)  # fmt: skip
    assert send(late, futures.base_url).json["code"] == -1021
    account = sign_request("GET", "/fapi/v3/account", api_key=API_KEY, timestamp=NOW,
                           secret=SECRET)  # fmt: skip
    assert send(account, futures.base_url).status == 200


def test_spot_paths_are_not_the_futures_exchanges(futures):
    reply = send(signed("/api/v3/order"), futures.base_url)
    assert reply == (404, {"code": -1020, "msg": "This operation is not supported."})
    assert requests.get(f"{futures.base_url}/fapi/v1/time", timeout=10).json() == {
        "serverTime": NOW
    }


def test_a_demo_key_on_the_live_futures_exchange_answers_2008(futures):
    futures.register_key("demoKey1", HmacKey(SECRET), environment="demo")
    reply = send(signed("/fapi/v1/order", "demoKey1"), futures.base_url)
    assert reply == (401, INVALID_ID)
    detail = futures.last_verdict.detail
    assert detail.startswith("this key belongs to demo usdm-futures; this exchange stands in "
                             "for live usdm-futures")  # fmt: skip
    assert send(signed("/fapi/v1/order", "neverRegistered"), futures.base_url) == (401, INVALID_ID)


def test_a_futures_testnet_key_on_live_spot_answers_2015():
    with LocalExchange(keys={}, clock=lambda: NOW) as spot:
        spot.register_key(API_KEY, HmacKey(SECRET), product="usdm-futures",
                          environment="testnet")  # fmt: skip
        reply = send(signed("/api/v3/order"), spot.base_url)
        assert reply == (401, REJECTED)
        assert "this key belongs to testnet usdm-futures" in spot.last_verdict.detail


def test_a_live_futures_key_on_live_spot_is_the_same_accounts_key():
    """On live one key serves every product its permissions enable (Get API Key Permission,
    products.toml: api-key-permission); the model does not model those permissions."""
    with LocalExchange(keys={}, clock=lambda: NOW) as spot:
        spot.register_key(API_KEY, HmacKey(SECRET), product="usdm-futures")
        assert send(signed("/api/v3/order"), spot.base_url).status == 200


@pytest.mark.parametrize(("key_place", "place", "known"), [
    (("usdm-futures", "testnet"), ("usdm-futures", "testnet"), True),
    (("spot", "testnet"), ("usdm-futures", "testnet"), False),  # Spot Testnet's own site
    (("coinm-futures", "testnet"), ("usdm-futures", "testnet"), None),  # one site: unknown
    (("usdm-futures", "demo"), ("usdm-futures", "live"), False),  # another environment
    (("spot", "live"), ("usdm-futures", "live"), None),  # one account: its permissions
])  # fmt: skip
def test_where_a_key_is_known(key_place, place, known):
    from helpers.exchange.places import known_in

    assert known_in(key_place, place) is known


@pytest.mark.parametrize("product", list(products()))
def test_every_product_answers_its_signed_paths_in_process(product):
    state = ExchangeState(keys={API_KEY: HmacKey(SECRET)}, clock=lambda: NOW, product=product)
    core = ExchangeCore(state)
    for line in products()[product].signed_paths:
        method, path = line.split(" ")
        params = ORDER if method == "POST" else {}
        request = signed(path, method=method, params=params)
        target = f"{path}?{request.sent_query}"
        reply = core.judge(RawRequest(method, target, headers=(("X-MBX-APIKEY", API_KEY),)))
        assert reply.status == 200, (product, line, reply.data)


@pytest.mark.parametrize("product,path", [
    ("spot", "/api/v3/userDataStream"),
    ("margin", "/sapi/v1/userDataStream"),
    ("margin", "/sapi/v1/userDataStream/isolated"),
])  # fmt: skip
@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE"])
def test_the_retired_listen_key_paths_answer_410(product, path, method):
    with LocalExchange(product=product, clock=lambda: NOW) as exchange:
        reply = requests.request(method, exchange.base_url + path, timeout=10,
                                 headers={"X-MBX-APIKEY": API_KEY})  # fmt: skip
        assert reply.status_code == 410
        assert reply.headers["Content-Type"] == "text/html"
        assert "<title>410 Gone</title>" in reply.text
        verdict = exchange.last_verdict
        assert verdict.status == 410 and verdict.code is None and not verdict.accepted
        assert "2026-02-20" in verdict.detail and "userDataStream.subscribe" in verdict.detail


def test_futures_keep_their_listen_key_path_unretired(futures):
    reply = requests.post(futures.base_url + "/api/v3/userDataStream", timeout=10)
    assert reply.status_code == 404


def test_bad_places_are_refused():
    with pytest.raises(ValueError, match="product"):
        LocalExchange(product="futures")
    with pytest.raises(ValueError, match="environment"):
        LocalExchange(environment="mainnet")
    with pytest.raises(ValueError, match="environment"):
        LocalExchange().register_key("k", HmacKey(SECRET), environment="paper")


def test_the_command_line_serves_a_product():
    import http.client
    import os
    import re
    import signal
    import subprocess
    import sys
    from pathlib import Path

    process = subprocess.Popen(
        [sys.executable, "-m", "helpers.exchange", "--port", "0", "--product", "usdm-futures"],
        cwd=Path(__file__).resolve().parents[2], stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE, env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )  # fmt: skip
    try:
        banner = process.stderr.readline().decode()
        assert "as live usdm-futures" in banner, banner
        port = int(re.search(r"127\.0\.0\.1:([0-9]+)", banner)[1])
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        conn.request("GET", "/fapi/v1/ping")
        assert conn.getresponse().status == 200
        conn.close()
        process.send_signal(signal.SIGINT)
        process.wait(timeout=10)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        process.stderr.close()
    assert process.returncode == 0


def test_the_browser_editions_path_passes_the_html_page_on():
    """In the browser edition ``requests`` gets the core's reply in-process
    (``in_process.response``): the 410's content type travels with it."""
    from helpers.exchange.in_process import raw_request, response

    core = ExchangeCore(ExchangeState(clock=lambda: NOW))
    url = "http://127.0.0.1:49152/api/v3/userDataStream"
    reply = core.judge(raw_request("POST", url, {"X-MBX-APIKEY": API_KEY}, None))
    prepared = requests.Request("POST", url).prepare()
    answered = response(prepared, reply.status, reply.body(), reply.content_type)
    assert answered.status_code == 410 and answered.headers["Content-Type"] == "text/html"
    assert "<h1>410 Gone</h1>" in answered.text


def test_futures_keep_a_listen_key_checked_by_api_key_alone(futures):
    url = futures.base_url + "/fapi/v1/listenKey"
    created = requests.post(url, headers={"X-MBX-APIKEY": API_KEY}, timeout=10)
    assert created.status_code == 200
    listen_key = created.json()["listenKey"]
    assert listen_key.startswith("kitFake") and len(listen_key) == 64
    assert futures.last_verdict.security == "USER_STREAM" and futures.last_verdict.accepted
    again = requests.post(url, headers={"X-MBX-APIKEY": API_KEY}, timeout=10)
    assert again.json() == created.json()  # the same fake per API key
    assert requests.put(url, headers={"X-MBX-APIKEY": API_KEY}, timeout=10).json() == {}
    assert requests.post(url, timeout=10).json()["code"] == -2014
    unknown = requests.post(url, headers={"X-MBX-APIKEY": "nobody"}, timeout=10)
    assert (unknown.status_code, unknown.json()) == (401, INVALID_ID)
