"""The key clinic, given a URL (issue 26): ``inspect_key(..., url=, key_place=)`` says where a
request with the key goes (``which_product``) and, when the key's place is known, whether
the key can be known there — "this key belongs to demo usdm-futures; this URL is live
usdm-futures (rest)" — claiming nothing where the sources cannot tell. The key and the
URL itself never appear in the report. Expected texts are written here by hand."""

import pytest

from helpers.examples import EXAMPLE_SECRET_KEY
from helpers.keys import inspect_key
from helpers.keys.__main__ import main
from helpers.keys.destination import destination
from helpers.keys.products import Place, key_known_there, key_place_of, wrong_place

FUTURES_ORDER = "https://fapi.binance.com/fapi/v1/order"


def test_a_demo_futures_key_for_a_live_futures_url_is_named_with_its_code():
    report = inspect_key(EXAMPLE_SECRET_KEY, url=FUTURES_ORDER, key_place=("demo", "usdm-futures"))
    assert report.destination.startswith(
        "a request to this URL goes to live usdm-futures (rest). This key belongs to demo "
        "usdm-futures; this URL is live usdm-futures (rest)."
    )
    assert '-2008 "Invalid Api-Key ID." (observed' in report.destination
    text = repr(report)
    assert "sent to" in text and EXAMPLE_SECRET_KEY not in text
    assert report.kind == "HMAC_SECRET" and report.ok  # the key text itself is fine


def test_a_spot_testnet_key_for_live_spot_answers_2015():
    said = destination("https://api.binance.com/api/v3/order", ("spot", "testnet"))
    assert "This key belongs to testnet spot; this URL is live spot (rest)." in said
    assert '-2015 "Invalid API-key, IP, or permissions for action." (observed' in said


def test_an_unknown_host_gets_no_claim_and_is_not_repeated():
    said = destination("https://user:pw@fapi.binance.com.evil.example/fapi/v1/order",
                       ("usdm-futures", "demo"))  # fmt: skip
    assert said.startswith("this URL is none of Binance's listed URLs")
    assert "evil" not in said and "pw" not in said and "belongs" not in said


def test_without_a_key_place_the_url_alone_is_named():
    report = inspect_key(EXAMPLE_SECRET_KEY, url="https://demo-api.binance.com/api/v3/account")
    assert report.destination == (
        "a request to this URL goes to demo spot (rest): keys made in another environment "
        "are unknown there"
    )
    assert inspect_key(EXAMPLE_SECRET_KEY).destination is None
    assert "sent to" not in repr(inspect_key(EXAMPLE_SECRET_KEY))  # unchanged without a URL


def test_the_same_place_agrees():
    said = destination("https://demo-fapi.binance.com/fapi/v1/order", ("usdm-futures", "demo"))
    assert said.endswith("the key was made for demo usdm-futures: they agree")


@pytest.mark.parametrize(
    ("key", "url", "known"),
    [
        (("spot", "live"), "https://api.binance.com/api/v3/order", True),
        (("spot", "testnet"), "https://api.binance.com/api/v3/order", False),
        (("usdm-futures", "demo"), FUTURES_ORDER, False),
        (("spot", "testnet"), "https://testnet.binancefuture.com/fapi/v1/order", False),
        (("usdm-futures", "testnet"), "https://testnet.binancefuture.com/dapi/v1/order", None),
        (("spot", "live"), FUTURES_ORDER, None),  # live: a question of permissions
        (("spot", "demo"), "https://demo-fapi.binance.com/fapi/v1/order", None),
    ],
)
def test_where_a_key_can_be_known(key, url, known):
    from helpers.keys import which_product

    assert key_known_there(key, which_product(url)) is known
    assert (wrong_place(key, url) is not None) == (known is False)


def test_live_keys_of_another_product_point_to_the_permission_page():
    said = destination(FUTURES_ORDER, ("spot", "live"))
    assert "enableFutures" in said and "api-key-permission" in said and "belongs" not in said


def test_key_place_reads_either_order_and_refuses_the_rest():
    assert key_place_of(("demo", "usdm-futures")) == ("usdm-futures", "demo")
    assert key_place_of(Place("spot", "testnet", "rest")) == ("spot", "testnet")
    for wrong in (("futures", "live"), ("spot", "spot"), "demo", ("spot",)):
        with pytest.raises(ValueError, match="key_place"):
            key_place_of(wrong)
    with pytest.raises(ValueError, match="url="):
        inspect_key(EXAMPLE_SECRET_KEY, key_place=("spot", "live"))


def test_the_command_line_takes_a_url_and_a_key_place(tmp_path, capsys):
    key_file = tmp_path / "secret.txt"
    key_file.write_text(EXAMPLE_SECRET_KEY)
    status = main([str(key_file), "--url", FUTURES_ORDER, "--key-place", "demo/usdm-futures"])
    out = " ".join(capsys.readouterr().out.split())  # the report wraps its rows
    assert status == 0 and "This key belongs to demo usdm-futures" in out
    assert EXAMPLE_SECRET_KEY not in out
