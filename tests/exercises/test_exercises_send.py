"""helpers.exercises.timing and .send: notebook 03's checks, fed the right answer, none, and
typical mistakes.

Expected values: the window edges and the clock offset worked out by hand from Binance's
REST API "Timing security" rule, the mixed order's payload and signature from Binance's docs
(the published vectors in helpers/data/vectors.json). The exercise 3.3 answers are real
verdicts from the local exchange, produced the way a learner would send them (right and
wrong).
"""

import dataclasses
import hashlib
import hmac
from decimal import Decimal

import pytest
import requests
from verdicts import assert_correct, assert_not_attempted, assert_wrong

from helpers.examples import vector
from helpers.exchange import HmacKey, LocalExchange
from helpers.exercises.send import check_mixed_order
from helpers.exercises.timing import check_clock_offset, check_window_edges
from helpers.request import send, sign_request

SECRET = "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j"
API_KEY = "vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A"
ORDER = (
    ("symbol", "LTCBTC"),
    ("side", "BUY"),
    ("type", "LIMIT"),
    ("timeInForce", "GTC"),
    ("quantity", "1"),
    ("price", "0.1"),
)
DOC_TIMESTAMP = 1499827319559
# Binance's docs: the mixed example of POST /api/v3/order.
MIXED = vector("rest-hmac-mixed")
MIXED_QUERY, MIXED_BODY = MIXED["query_string"], MIXED["body_text"]
MIXED_SIGNATURE = MIXED["signature"]


# --- 3.1 check_window_edges -----------------------------------------------------------------


def test_window_right():
    verdict = check_window_edges(1499827315000, 1499827320999)
    assert_correct(verdict)
    assert "[serverTime - recvWindow, serverTime + 1000)" in verdict.message


@pytest.mark.parametrize("placeholder", [..., None])
def test_window_not_attempted(placeholder):
    assert_not_attempted(check_window_edges(placeholder, ...), "earliest")
    assert_not_attempted(check_window_edges(placeholder, 1499827320999), "earliest")


def test_window_half_attempted():
    assert_not_attempted(check_window_edges(1499827315000, ...), "1499827315000 is right")


@pytest.mark.parametrize(
    ("earliest", "stage", "words"),
    [
        (1499827315001, "recvWindow edge", ["*or equal*"]),
        (1499827314999, "recvWindow edge", ["5001 ms behind"]),
        (1499827319000, "recvWindow edge", ["not 1000 ms"]),
        (1499827317500, "recvWindow edge", ["not centred"]),
        (1499827320000, "recvWindow edge", ["serverTime itself is accepted"]),
        (1499827316000, "recvWindow edge", ["not from serverTime + 1000"]),
        (1499827310000, "recvWindow edge", ["10000 ms behind"]),
        (1499827315, "unit", ["seconds"]),
        (1499827315000000, "unit", ["microseconds"]),
        (1499827315000.0, "answer", ["not a float"]),
        ("1499827315000", "answer", ["(str)"]),
        (float("nan"), "answer", ["(float)"]),
        (True, "answer", ["(bool)"]),
    ],
    ids=[
        "exclusive-left",
        "one-too-far",
        "ahead-limit-behind",
        "centred",
        "server-time",
        "from-ahead-limit",
        "other",
        "seconds",
        "microseconds",
        "float",
        "str",
        "nan",
        "bool",
    ],
)
def test_window_wrong_earliest(earliest, stage, words):
    assert_wrong(check_window_edges(earliest, 1499827320999), stage, *words)


@pytest.mark.parametrize(
    ("latest", "stage", "words"),
    [
        (1499827321000, "ahead limit", ["strictly less", "serverTime + 999"]),
        (1499827320000, "ahead limit", ["*ahead*"]),
        (1499827325000, "ahead limit", ["only reaches back"]),
        (1499827324999, "ahead limit", ["only reaches back"]),
        (1499827322500, "ahead limit", ["not centred"]),
        (1499827320500, "ahead limit", ["500 ms ahead"]),
        (1499827320, "unit", ["seconds"]),
        (1499827320999000, "unit", ["microseconds"]),
        (Decimal("1499827320999"), "answer", ["not a Decimal"]),
    ],
    ids=[
        "inclusive-right",
        "no-ahead",
        "window-forward",
        "window-forward-minus-one",
        "centred",
        "other",
        "seconds",
        "microseconds",
        "decimal",
    ],
)
def test_window_wrong_latest(latest, stage, words):
    assert_wrong(check_window_edges(1499827315000, latest), stage, *words)


def test_window_swapped():
    assert_wrong(check_window_edges(1499827320999, 1499827315000), "answer", "swapped")


# --- 3.2 check_clock_offset ----------------------------------------------------------------


@pytest.mark.parametrize("offset", [7000, 7000.0, Decimal(7000)])
def test_offset_right(offset):
    verdict = check_clock_offset(offset, 1499827320200)
    assert_correct(verdict)
    assert "240 ms round trip" in verdict.message


@pytest.mark.parametrize("placeholder", [..., None])
def test_offset_not_attempted(placeholder):
    assert_not_attempted(check_clock_offset(placeholder, ...), "offset")
    assert_not_attempted(check_clock_offset(7000, placeholder), "7000 is right", "1499827313200")


@pytest.mark.parametrize(
    ("offset", "stage", "words"),
    [
        (-7000, "direction", ["wrong sign"]),
        (7120, "round trip", ["left", "midpoint"]),
        (6880, "round trip", ["arrived", "midpoint"]),
        (6800, "round trip", ["later reading"]),
        (240, "round trip", ["round trip (240 ms)"]),
        (120, "round trip", ["half the round trip"]),
        (7, "unit", ["seconds"]),
        (7.0, "unit", ["seconds"]),
        (7_000_000, "unit", ["microseconds"]),
        (6999, "arithmetic", ["(1499827312880 + 1499827313120) / 2", "6999"]),
        ("7000", "answer", ["(str)"]),
        (False, "answer", ["(bool)"]),
    ],
    ids=[
        "sign",
        "from-sent",
        "from-received",
        "from-next",
        "rtt",
        "half-rtt",
        "seconds",
        "seconds-float",
        "micro",
        "other",
        "str",
        "bool",
    ],
)
def test_offset_wrong(offset, stage, words):
    assert_wrong(check_clock_offset(offset, 1499827320200), stage, *words)


@pytest.mark.parametrize(
    ("timestamp", "stage", "words"),
    [
        (1499827313200, "correction", ["raw reading", "-1021"]),
        (1499827320000, "correction", ["reused serverTime"]),
        (1499827306200, "direction", ["subtracted"]),
        (1499827320120, "correction", ["old reading (when the reply arrived)"]),
        (1499827319880, "correction", ["old reading (when the request left)"]),
        (1499827320, "unit", ["seconds"]),
        (1499827320200000, "unit", ["microseconds"]),
        (1499827320201, "arithmetic", ["1499827313200 + 7000"]),
        (1499827320200.0, "answer", ["not a float", "sign_request refuses floats"]),
        ("1499827320200", "answer", ["(str)"]),
    ],
    ids=[
        "raw-clock",
        "reused-server-time",
        "subtracted",
        "old-received",
        "old-sent",
        "seconds",
        "micro",
        "other",
        "float",
        "str",
    ],
)
def test_corrected_timestamp_wrong(timestamp, stage, words):
    assert_wrong(check_clock_offset(7000, timestamp), stage, *words)


# --- 3.3 check_mixed_order: real verdicts from the local exchange ---------------------------


@pytest.fixture(scope="module")
def exchange():
    with LocalExchange(clock=lambda: 1499827320000) as ex:
        yield ex


def sent(exchange, signed):
    send(signed, exchange.base_url)
    return exchange.last_verdict


def order(method="POST", path="/api/v3/order/test", *, query=ORDER[:4], body=ORDER[4:], **kw):
    args = {"api_key": API_KEY, "secret": SECRET, "timestamp": DOC_TIMESTAMP}
    args["recv_window"] = 5000
    args.update(kw)
    return sign_request(method, path, query, body_params=body, **args)


def test_mixed_order_right(exchange):
    signed = order()
    verdict = sent(exchange, signed)
    assert_correct(check_mixed_order(verdict))


@pytest.mark.parametrize("placeholder", [..., None])
def test_mixed_order_not_attempted(placeholder):
    assert_not_attempted(check_mixed_order(placeholder), "ex.last_verdict")


def test_mixed_order_given_the_request_or_the_reply(exchange):
    signed = order()
    reply = send(signed, exchange.base_url)
    assert_wrong(check_mixed_order(signed), "answer", "request you built", "ex.last_verdict")
    assert_wrong(check_mixed_order(reply), "answer", "reply", "ex.last_verdict")
    assert_wrong(check_mixed_order("accepted"), "answer", "a str")


def test_mixed_order_wrong_endpoint(exchange):
    verdict = sent(exchange, order(path="/api/v3/order"))
    assert_wrong(check_mixed_order(verdict), "request", "POST /api/v3/order;")
    verdict = sent(exchange, order("GET", query=ORDER, body=None))
    assert_wrong(check_mixed_order(verdict), "request", "GET /api/v3/order/test")


def test_mixed_order_joined_with_ampersand(exchange):
    signed = order()
    joined = signed.query_string + "&" + signed.body  # the classic mistake
    wrong = hmac.new(SECRET.encode(), joined.encode(), hashlib.sha256).hexdigest()
    verdict = sent(exchange, dataclasses.replace(signed, signature=wrong))
    assert verdict.code == -1022
    assert_wrong(check_mixed_order(verdict), "payload", "query + '&' + body", "GTCquantity=1")


def test_mixed_order_other_bad_signature(exchange):
    signed = order()
    wrong = hmac.new(b"another secret", signed.payload_bytes, hashlib.sha256).hexdigest()
    verdict = sent(exchange, dataclasses.replace(signed, signature=wrong))
    assert_wrong(check_mixed_order(verdict), "signature", "-1022", "GTCquantity=1&price=0.1")


def test_mixed_order_body_without_content_type(exchange):
    signed = order()
    requests.post(
        signed.url(exchange.base_url),
        data=signed.sent_body.encode(),  # bytes: requests sets no Content-Type
        headers={"X-MBX-APIKEY": API_KEY},
        timeout=10,
    )
    verdict = exchange.last_verdict
    assert_wrong(check_mixed_order(verdict), "content type", "ignored your body", "-1102")


@pytest.mark.parametrize(
    ("kwargs", "words"),
    [
        ({"timestamp": 1499827313000}, ["-1021", "7000 ms behind"]),
        ({"timestamp": 1499827319}, ["-1021", "seconds?"]),
    ],
    ids=["skewed", "seconds"],
)
def test_mixed_order_refused_for_time(exchange, kwargs, words):
    verdict = sent(exchange, order(**kwargs))
    assert_wrong(check_mixed_order(verdict), "server", *words)


def test_mixed_order_unknown_key(exchange):
    verdict = sent(exchange, order(api_key="A" * 64))
    assert_wrong(check_mixed_order(verdict), "server", "-2015")


@pytest.mark.parametrize(
    ("query", "body"),
    [(ORDER, None), ((), ORDER)],
    ids=["all-in-query", "all-in-body"],
)
def test_mixed_order_not_split(exchange, query, body):
    verdict = sent(exchange, order(query=query, body=body))
    where = "query string" if body is None else "body"
    assert_wrong(check_mixed_order(verdict), "split", f"every parameter is in the {where}")


def test_mixed_order_split_after_side(exchange):
    # Another split is another payload: 'side=BUYtype=LIMIT' (no separator).
    verdict = sent(exchange, order(query=ORDER[:2], body=ORDER[2:]))
    assert verdict.accepted
    assert_wrong(check_mixed_order(verdict), "split", "split elsewhere", "'symbol=LTCBTC&side=BUY'")


def test_mixed_order_same_payload_split_inside_a_value(exchange):
    # The same payload bytes cut inside 'GTC': the signature still verifies, and the model
    # accepts the order (it does not check timeInForce), but it is not the docs' request.
    query, body = MIXED_QUERY[:-1], "C" + MIXED_BODY + "&signature=" + MIXED_SIGNATURE
    requests.post(
        exchange.base_url + "/api/v3/order/test?" + query,
        data=body.encode(),
        headers={"X-MBX-APIKEY": API_KEY, "Content-Type": "application/x-www-form-urlencoded"},
        timeout=10,
    )
    verdict = exchange.last_verdict
    assert verdict.accepted
    assert_wrong(check_mixed_order(verdict), "split", "split elsewhere", "timeInForce=GT'")


@pytest.mark.parametrize(
    ("kwargs", "words"),
    [
        ({"recv_window": None}, ["recvWindow=5000 is missing"]),
        ({"timestamp": 1499827319999}, ["timestamp=1499827319559"]),
        ({"body": (("quantity", "2"), ("price", "0.1"))}, ["first differs at character 58"]),
    ],
    ids=["no-recv-window", "other-timestamp", "other-quantity"],
)
def test_mixed_order_other_parameters(exchange, kwargs, words):
    verdict = sent(exchange, order(**kwargs))
    assert verdict.accepted
    assert_wrong(check_mixed_order(verdict), "parameters", *words)


def test_mixed_order_other_key(exchange):
    other_key, other_secret = "B" * 64, "another-secret"
    exchange.register_key(other_key, HmacKey(other_secret))
    verdict = sent(exchange, order(api_key=other_key, secret=other_secret))
    assert verdict.accepted
    assert_wrong(check_mixed_order(verdict), "key", "example secret")
