"""Notebook 14's checks hold literals; re-derive them here, independently: the places with
``which_product`` (the kit's data) and the signatures with ``hmac`` by the WebSocket
payload rule written out by hand."""

import hashlib
import hmac

import pytest

from helpers.exercises.nb14_beyond import PLACE_CASES, PLACES, SUBSCRIBE_CASES
from helpers.keys import which_product


@pytest.mark.parametrize(("base", "product", "environment"), PLACES)
def test_the_places_are_the_datas(base, product, environment):
    place = which_product(base + "/v1/order")
    assert (place.product, place.environment, place.api) == (product, environment, "rest")


@pytest.mark.parametrize(("url", "expected"), PLACE_CASES)
def test_the_expected_places_are_which_products(url, expected):
    place = which_product(url)
    assert (None if place is None else (place.product, place.environment)) == expected


def test_the_subscription_signatures():
    for (api_key, secret, timestamp, recv_window), expected in SUBSCRIBE_CASES:
        window = "" if recv_window is None else f"recvWindow={recv_window}&"
        payload = f"apiKey={api_key}&{window}timestamp={timestamp}"
        digest = hmac.new(secret.encode(), payload.encode(), hashlib.sha256).hexdigest()
        assert expected["signature"] == digest
        assert expected.get("recvWindow") == recv_window
