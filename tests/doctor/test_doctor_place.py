"""The doctor on a -2015 or -2008 (issue 26): it names the URL's place, and with the key's
place (``key_place=``) it reports ``KEY_FROM_ANOTHER_PLACE`` when the key cannot be known
there — over real HTTP against the local exchange's product mode, from a curl line, and
on the WebSocket path. Where it cannot tell (no key place, an unlisted host, another
product of live), it claims nothing. Expected places, codes and labels are written here by
hand, never computed by the code under test."""

import pytest
import requests

from helpers.doctor import diagnose, diagnose_ws
from helpers.exchange import HmacKey, LocalExchange
from helpers.request import send, sign_request
from helpers.websocket import ws_request

NOW = 1_700_000_000_000
SECRET = "kitFakeHmacSecretForPlaces0123456789"
ORDER = {"symbol": "BTCUSDT", "side": "BUY", "type": "LIMIT", "timeInForce": "GTC",
         "quantity": "0.002", "price": "60000"}  # fmt: skip
OBSERVED = "observed, not documented"
FUTURES_LIVE = "https://fapi.binance.com"


def signed(path: str, api_key: str):
    return sign_request("POST", path, ORDER, api_key=api_key, timestamp=NOW, secret=SECRET)


@pytest.fixture
def live_futures():
    with LocalExchange(product="usdm-futures", environment="live", clock=lambda: NOW) as ex:
        ex.register_key("demoFuturesKey1", HmacKey(SECRET), environment="demo")
        yield ex


def test_a_demo_key_on_live_futures_over_http_names_both_places(live_futures):
    request = signed("/fapi/v1/order", "demoFuturesKey1")
    reply = send(request, live_futures.base_url)
    assert reply == (401, {"code": -2008, "msg": "Invalid Api-Key ID."})
    for sent in (request, live_futures.last_verdict):
        found = diagnose(sent, secret=SECRET, server_time=NOW, reply=reply,
                         key_place=("usdm-futures", "demo"), base_url=FUTURES_LIVE)  # fmt: skip
        assert found.codes == ("KEY_FROM_ANOTHER_PLACE",)
        finding = found.findings[0]
        assert finding.explanation.startswith(
            "This key belongs to demo usdm-futures; this URL is live usdm-futures (rest)."
        )
        assert finding.verdict == f"-2008 ({OBSERVED})" == found.verdict
        assert "the request shows it: its URL is live usdm-futures (rest)" in finding.proof
        assert found.signature_check == "verified"  # the signature is not the problem
        assert "demoFuturesKey1" not in repr(found) and SECRET not in repr(found)


def test_a_requests_response_brings_its_own_code(live_futures):
    request = signed("/fapi/v1/order", "demoFuturesKey1")
    response = requests.post(f"{live_futures.base_url}{request.target}",
                             headers=request.headers, timeout=10)  # fmt: skip
    assert response.json()["code"] == -2008
    found = diagnose(response, secret=SECRET, key_place=("demo", "usdm-futures"),
                     base_url=FUTURES_LIVE)  # fmt: skip
    assert found.codes == ("KEY_FROM_ANOTHER_PLACE",)
    # Without the key's place: the URL's place and the causes, nothing claimed.
    unsure = diagnose(response, secret=SECRET, base_url=FUTURES_LIVE)
    assert unsure.codes == ("OK",) and unsure.ok
    assert repr(unsure).startswith("Diagnosis — nothing found explains the -2008")
    assert unsure.verdict == "-2008 (answered; no finding explains it)"  # not "accepted"
    note = next(n for n in unsure.notes if "-2008 may mean" in n)
    assert note.startswith("the URL is live usdm-futures (rest)")
    assert "give key_place=" in note and "this key belongs" not in note


def test_a_spot_testnet_key_on_live_spot_answers_2015_and_the_doctor_says_why():
    with LocalExchange(clock=lambda: NOW) as spot:
        spot.register_key("testnetSpotKey1", HmacKey(SECRET), environment="testnet")
        request = signed("/api/v3/order", "testnetSpotKey1")
        reply = send(request, spot.base_url)
    assert reply.json["code"] == -2015
    curl = request.curl("https://api.binance.com")
    found = diagnose(curl, secret=SECRET, reply=reply, key_place=("spot", "testnet"))
    assert found.codes == ("KEY_FROM_ANOTHER_PLACE",)
    assert found.findings[0].explanation.startswith(
        "This key belongs to testnet spot; this URL is live spot (rest)."
    )
    assert found.verdict == f"-2015 ({OBSERVED})"


def test_an_unknown_host_gets_no_claim():
    curl = signed("/fapi/v1/order", "someKey1").curl("https://fapi.binance.com.evil.example")
    found = diagnose(curl, secret=SECRET, reply={"code": -2008, "msg": "Invalid Api-Key ID."},
                     key_place=("usdm-futures", "demo"))  # fmt: skip
    assert found.codes == ("OK",)
    text = repr(found)
    assert "none of Binance's listed URLs" in text and "this key belongs" not in text.lower()
    assert "evil.example" not in " ".join(found.notes)  # the URL itself is not repeated


def test_another_product_of_live_is_a_question_of_permissions_not_a_claim():
    curl = signed("/fapi/v1/order", "someKey1").curl(FUTURES_LIVE)
    found = diagnose(curl, secret=SECRET, reply=-2015, key_place=("spot", "live"))
    assert found.codes == ("OK",)
    note = next(n for n in found.notes if "enableFutures" in n)
    assert note.startswith("the key was made for live spot, this URL is live usdm-futures")


def test_the_same_place_agrees_and_lists_the_other_causes():
    curl = signed("/api/v3/order", "someKey1").curl("https://testnet.binance.vision")
    found = diagnose(curl, secret=SECRET, reply=-2015, key_place=("testnet", "spot"))
    assert found.codes == ("OK",)
    note = next(n for n in found.notes if "they agree" in n)
    assert "IP" in note and "permission" in note


def test_the_other_testnet_site_is_another_place():
    curl = signed("/fapi/v1/order", "someKey1").curl("https://testnet.binancefuture.com")
    found = diagnose(curl, secret=SECRET, key_place=("spot", "testnet"))
    assert found.codes == ("KEY_FROM_ANOTHER_PLACE",)
    assert "this URL is testnet usdm-futures (rest)" in found.findings[0].explanation


def test_the_websocket_path_names_the_place_too():
    request = ws_request("order.test", {"symbol": "BTCUSDT"}, api_key="demoSpotKey1",
                         secret=SECRET, timestamp=NOW, request_id="place-1")  # fmt: skip
    reply = {"id": "place-1", "status": 401,
             "error": {"code": -2015, "msg": "Invalid API-key, IP, or permissions for action."}}
    found = diagnose_ws(request, secret=SECRET, server_time=NOW, reply=reply,
                        url="wss://ws-api.binance.com:443/ws-api/v3",
                        key_place=("spot", "demo"))  # fmt: skip
    assert found.codes == ("KEY_FROM_ANOTHER_PLACE",)
    assert found.findings[0].explanation.startswith(
        "This key belongs to demo spot; this URL is live spot (ws-api)."
    )
    assert found.verdict == f"-2015 ({OBSERVED})"


def test_without_a_key_code_or_a_key_place_the_diagnosis_is_unchanged():
    curl = signed("/api/v3/order", "someKey1").curl("https://api.binance.com")
    plain = diagnose(curl, secret=SECRET, server_time=NOW)
    with_other_code = diagnose(curl, secret=SECRET, server_time=NOW, reply=-1022)
    assert repr(plain) == repr(with_other_code)
    assert plain.answered is None and not any("URL is" in n for n in plain.notes)


def test_a_key_place_that_names_no_place_is_refused():
    with pytest.raises(ValueError, match="key_place"):
        diagnose("https://api.binance.com/api/v3/account", key_place=("futures", "live"))
    with pytest.raises(ValueError, match="key_place"):
        diagnose("https://api.binance.com/api/v3/account", key_place="demo")


def test_the_command_line_takes_the_reply_the_key_place_and_the_base_url(monkeypatch, capsys):
    from helpers.doctor.command_line import main

    monkeypatch.setenv("KIT_PLACE_SECRET", SECRET)
    curl = signed("/fapi/v1/order", "someKey1").curl("$BASE_URL")
    status = main([curl, "--secret-env", "KIT_PLACE_SECRET", "--reply", '{"code":-2008}',
                   "--key-place", "demo/usdm-futures", "--base-url", FUTURES_LIVE])  # fmt: skip
    out = capsys.readouterr().out
    assert status == 1 and "[KEY_FROM_ANOTHER_PLACE]" in out and SECRET not in out
    assert "the one you gave (--key-place)" in out  # the advice names this command's options
    status = main([curl, "--secret-env", "KIT_PLACE_SECRET", "--reply", "-2008"])
    out = capsys.readouterr().out
    assert status == 0 and "give --base-url" in out and "give --key-place" in out
