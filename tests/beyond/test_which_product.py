"""``helpers.keys.which_product``: every URL of ``helpers/data/products.toml`` answered
with its row's place, hosts matched exactly, the path deciding on a shared host; and
``which_environment`` keeps its Spot answers. Expected places are written here by hand."""

import pytest

from helpers.keys import BASE_URLS, DEMO, LIVE, TESTNET, which_environment, which_product
from helpers.keys.products import APIS, ENVIRONMENTS, PRODUCT_NAMES, Place, url_rows, wrong_place


def test_the_names_are_the_issues():
    assert PRODUCT_NAMES == ("spot", "margin", "usdm-futures", "coinm-futures",
                             "portfolio-margin", "options")  # fmt: skip
    assert ENVIRONMENTS == ("live", "testnet", "demo")
    assert APIS == ("rest", "ws-api", "streams")


@pytest.mark.parametrize("row", url_rows(), ids=lambda row: row.url)
def test_every_url_of_the_data_file_is_answered(row):
    assert row.place.product in PRODUCT_NAMES
    assert row.place.environment in ENVIRONMENTS
    assert row.place.api in APIS
    assert which_product(row.url) == row.place
    assert which_product(row.url + "/v1/anything") == row.place


@pytest.mark.parametrize("url,expected", [
    ("https://api.binance.com", ("spot", "live", "rest")),
    ("https://api.binance.com/api/v3/order", ("spot", "live", "rest")),
    ("https://api.binance.com/sapi/v1/margin/order", ("margin", "live", "rest")),
    ("https://API.binance.com:443/sapi/v1/margin/account", ("margin", "live", "rest")),
    ("https://fapi.binance.com/fapi/v1/order", ("usdm-futures", "live", "rest")),
    ("https://fapi.binance.com", ("usdm-futures", "live", "rest")),
    ("https://demo-fapi.binance.com/fapi/v3/account", ("usdm-futures", "demo", "rest")),
    ("https://testnet.binancefuture.com/fapi/v1/order", ("usdm-futures", "testnet", "rest")),
    ("https://testnet.binancefuture.com/dapi/v1/order", ("coinm-futures", "testnet", "rest")),
    ("wss://testnet.binancefuture.com/ws-fapi/v1", ("usdm-futures", "testnet", "ws-api")),
    ("wss://testnet.binancefuture.com/ws-dapi/v1", ("coinm-futures", "testnet", "ws-api")),
    ("https://dapi.binance.com/dapi/v1/order", ("coinm-futures", "live", "rest")),
    ("https://papi.binance.com/papi/v1/um/order", ("portfolio-margin", "live", "rest")),
    ("https://eapi.binance.com/eapi/v1/order", ("options", "live", "rest")),
    ("wss://ws-fapi.binance.com/ws-fapi/v1", ("usdm-futures", "live", "ws-api")),
    ("wss://fstream.binance.com/ws/btcusdt@aggTrade", ("usdm-futures", "live", "streams")),
    ("wss://fstream.binance.com/pm/ws/key", ("portfolio-margin", "live", "streams")),
    ("wss://dstream.binance.com/stream?streams=x", ("coinm-futures", "live", "streams")),
    ("wss://stream.binance.com:9443/ws/btcusdt@trade", ("spot", "live", "streams")),
    ("wss://ws-api.binance.com/ws-api/v3", ("spot", "live", "ws-api")),
    ("wss://demo-ws-api.binance.com/ws-api/v3", ("spot", "demo", "ws-api")),
    ("https://demo-api.binance.com/api/v3/order", ("spot", "demo", "rest")),
    ("https://testnet.binance.vision/api/v3/account", ("spot", "testnet", "rest")),
])  # fmt: skip
def test_places(url, expected):
    assert which_product(url) == Place(*expected)


@pytest.mark.parametrize("url", [
    "https://fapi.binance.com.evil.example/fapi/v1/order",
    "https://evil.example/fapi.binance.com/fapi/v1/order",
    "http://fapi.binance.com/fapi/v1/order",
    "https://user@fapi.binance.com/fapi/v1/order",
    "https://fapi.binance.com:8443/fapi/v1/order",
    "https://fapi.binance.com/api/v3/order",        # Spot's path on the futures host
    "https://api.binance.com/fapi/v1/order",        # a futures path on Spot's host
    "https://testnet.binancefuture.com",            # shared by USDⓈ-M and COIN-M
    "https://api.binance.com/sapix/v1/x",
    "not a url",
    "",
])  # fmt: skip
def test_not_binance_or_cannot_tell(url):
    assert which_product(url) is None


def test_which_environment_keeps_its_spot_answers():
    spot_env = {LIVE: "live", TESTNET: "testnet", DEMO: "demo"}
    for environment, _, url, _ in BASE_URLS:
        assert which_environment(url) == environment
        place = which_product(url)
        assert place is not None and place.product == "spot", url
        assert place.environment == spot_env[environment], url
    assert which_environment("https://fapi.binance.com/fapi/v1/order") is None


def test_wrong_place_says_where_the_key_belongs():
    said = wrong_place(("usdm-futures", "demo"), "https://fapi.binance.com/fapi/v1/order")
    assert said.startswith(
        "this key belongs to demo usdm-futures; this URL is live usdm-futures (rest)."
    )
    assert '-2008 "Invalid Api-Key ID."' in said and "observed" in said
    said = wrong_place(("spot", "testnet"), "https://api.binance.com/api/v3/order")
    assert said.startswith("this key belongs to testnet spot; this URL is live spot (rest).")
    assert "-2015" in said
    assert wrong_place(("spot", "live"), "https://api.binance.com/api/v3/order") is None
    assert wrong_place(("spot", "live"), "https://example.com/api/v3/order") is None
    with pytest.raises(ValueError, match="key_place"):
        wrong_place(("futures", "live"), "https://fapi.binance.com")


def test_which_product_takes_text_only():
    with pytest.raises(TypeError, match="url"):
        which_product(None)
