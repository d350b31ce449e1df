"""check_fixed_request names the stage that went wrong, judged by the real exchange."""

import hashlib
import hmac
import urllib.parse

import pytest
import requests

from helpers.exchange import LocalExchange
from helpers.exercises.pitfalls import check_fixed_request

PARAMS = {"symbol": "BTCUSDT", "side": "BUY", "type": "MARKET", "quantity": "1"}


@pytest.fixture(scope="module")
def exchange():
    with LocalExchange(clock=lambda: 1499827320000) as ex:
        yield ex


def post(ctx, payload, secret=None, key=None, data=None):
    signature = hmac.new(
        (secret or ctx.secret).encode(), payload.encode(), hashlib.sha256
    ).hexdigest()
    return requests.post(
        f"{ctx.base_url}/api/v3/order/test",
        data=data or f"{payload}&signature={signature}",
        headers={
            "X-MBX-APIKEY": key or ctx.api_key,
            "Content-Type": "application/x-www-form-urlencoded",
        },
    )


def right(ctx):
    payload = urllib.parse.urlencode({**PARAMS, "recvWindow": 5000, "timestamp": ctx.timestamp})
    return payload, post(ctx, payload)


def recv_window_after_signing(ctx):  # the exercise's broken code, in short
    payload = urllib.parse.urlencode({**PARAMS, "timestamp": ctx.timestamp})
    signature = hmac.new(ctx.secret.encode(), payload.encode(), hashlib.sha256).hexdigest()
    sent = f"{payload}&recvWindow=5000&signature={signature}"
    return payload, post(ctx, payload, data=sent)


def dropped_recv_window(ctx):
    payload = urllib.parse.urlencode({**PARAMS, "timestamp": ctx.timestamp})
    return payload, post(ctx, payload)


def seconds(ctx):
    payload = urllib.parse.urlencode({**PARAMS, "recvWindow": 5000, "timestamp": 1499827319})
    return payload, post(ctx, payload)


def wrong_secret(ctx):
    payload = urllib.parse.urlencode({**PARAMS, "recvWindow": 5000, "timestamp": ctx.timestamp})
    return payload, post(ctx, payload, secret=ctx.secret + "x")


def unknown_key(ctx):
    payload = urllib.parse.urlencode({**PARAMS, "recvWindow": 5000, "timestamp": ctx.timestamp})
    return payload, post(ctx, payload, key="A" * 64)


def claims_whatever(ctx):  # a right request, but the function lies about what it signed
    return "whatever", right(ctx)[1]


def claims_other_payload(ctx):  # signs and sends one payload, returns another
    payload, response = right(ctx)
    return payload.replace("quantity=1", "quantity=2"), response


def missing_symbol(ctx):  # signed and sent as is, but the order has no symbol
    params = {k: v for k, v in PARAMS.items() if k != "symbol"}
    payload = urllib.parse.urlencode({**params, "recvWindow": 5000, "timestamp": ctx.timestamp})
    return payload, post(ctx, payload)


def crashes(ctx):
    raise RuntimeError("oops")


def test_right_answer(exchange):
    verdict = check_fixed_request(right, exchange)
    assert verdict and verdict.status == "correct"


@pytest.mark.parametrize(
    "way, stage, words",
    [
        (recv_window_after_signing, "payload", "first difference at byte"),
        (dropped_recv_window, "parameters", "recvWindow=5000 did not arrive"),
        (seconds, "timestamp", "milliseconds"),
        (wrong_secret, "secret", "the key differs"),
        (unknown_key, "API key header", "Invalid API-key"),
        (claims_whatever, "payload", "not what arrived"),
        (claims_other_payload, "payload", "first difference at byte"),
        (missing_symbol, "parameters", "The server answered -1102"),
        (crashes, "code", "RuntimeError: oops"),
        ("fixed_order", "answer", "function itself"),
    ],
)
def test_wrong_answers_name_the_stage(exchange, way, stage, words):
    verdict = check_fixed_request(way, exchange)
    assert not verdict and verdict.stage == stage
    assert words in verdict.message


@pytest.mark.parametrize("placeholder", [..., None])
def test_not_attempted(exchange, placeholder):
    verdict = check_fixed_request(placeholder, exchange)
    assert verdict.status == "not attempted" and "Not attempted" in repr(verdict)
