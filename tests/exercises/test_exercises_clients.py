"""helpers.exercises.clients: notebook 10's checks, fed the right answer, none, and mistakes.

The right answers are written out literally for the versions in requirements-peers.txt
(the checks themselves ask the installed libraries, so these tests also notice a release
that changes them).
"""

import urllib.parse

import pytest
from verdicts import assert_correct, assert_not_attempted, assert_wrong

from helpers.exercises.clients import check_ccxt_options, check_predicted_payload, check_rebuild

PREDICTED = (
    "newClientOrderId=my order 7&quantity=0.5&recvWindow=10000&side=SELL&symbol=BTCUSDT"
    "&timestamp=1499827319559&type=MARKET"
)


# --- 10.1 -------------------------------------------------------------------------------


def test_predicted_right():
    assert_correct(check_predicted_payload(PREDICTED))


@pytest.mark.parametrize("placeholder", [..., None])
@pytest.mark.parametrize("check", [check_predicted_payload, check_rebuild, check_ccxt_options])
def test_not_attempted(check, placeholder):
    assert_not_attempted(check(placeholder))


@pytest.mark.parametrize(
    ("answer", "stage", "words"),
    [
        (
            "symbol=BTCUSDT&side=SELL&type=MARKET&quantity=0.5&newClientOrderId=my order 7"
            "&recvWindow=10000&timestamp=1499827319559",
            "order",
            ["sorts them by name"],
        ),
        (PREDICTED.replace("10000", "20000"), "recvWindow", ["REQUEST_RECVWINDOW (10000)"]),
        (PREDICTED.replace("my order 7", "my+order+7"), "encoding", ["only symbol"]),
        (PREDICTED.replace("my order 7", "my%20order%207"), "encoding", ["only symbol"]),
        (PREDICTED.replace("&timestamp=1499827319559", ""), "timestamp", ["adds timestamp"]),
        (PREDICTED.replace("1499827319559", "1499827319"), "timestamp", ["pinned"]),
        (PREDICTED + "&signature=abc", "signature", ["never part"]),
        (PREDICTED.replace("quantity=0.5&", ""), "parameters", ["missing ['quantity']"]),
        (PREDICTED.replace("SELL", "BUY"), "value", ["side=SELL"]),
        (PREDICTED + "\n", "answer", ["strip"]),
        (b"bytes", "answer", ["bytes"]),
        (PREDICTED.replace("&side", "&&side"), "payload", ["first differs at character 58"]),
    ],
    ids=[
        "as-given",
        "recv-window",
        "plus",
        "percent20",
        "no-timestamp",
        "seconds",
        "signature",
        "missing",
        "value",
        "newline",
        "bytes",
        "empty-pair",
    ],
)
def test_predicted_wrong(answer, stage, words):
    assert_wrong(check_predicted_payload(answer), stage, *words)


# --- 10.2 -------------------------------------------------------------------------------


def unsigned(part):
    return "&".join(p for p in part.split("&") if p and not p.startswith("signature="))


def rebuild(target, body):
    return unsigned(target.partition("?")[2]) + unsigned(body)


def test_rebuild_right():
    assert_correct(check_rebuild(rebuild))


@pytest.mark.parametrize(
    ("answer", "stage", "words"),
    [
        (
            lambda t, b: "&".join(x for x in (unsigned(t.partition("?")[2]), unsigned(b)) if x),
            "separator",
            ["no separator"],
        ),
        (lambda t, b: urllib.parse.unquote_plus(rebuild(t, b)), "decoding", ["as they arrived"]),
        (lambda t, b: t.partition("?")[2] + b, "signature", ["removes the signature"]),
        (lambda t, b: t.split("&signature")[0] + unsigned(b), "query string", ["path"]),
        (lambda t, b: "&".join(sorted(rebuild(t, b).split("&"))), "order", ["reordered"]),
        (lambda t, b: rebuild(t, b)[:-1], "payload", ["first differs"]),
        (lambda t, b: 1 / 0, "answer", ["ZeroDivisionError"]),
        (lambda t, b: rebuild(t, b).encode(), "answer", ["bytes"]),
        ("rebuild", "answer", ["got str"]),
    ],
    ids=[
        "ampersand",
        "decoded",
        "signature",
        "path",
        "sorted",
        "other",
        "raises",
        "bytes",
        "not-callable",
    ],
)
def test_rebuild_wrong(answer, stage, words):
    assert_wrong(check_rebuild(answer), stage, *words)


# --- 10.3 -------------------------------------------------------------------------------


@pytest.mark.parametrize("options", [{"recvWindow": 5000}, {"recvWindow": "5000"}])
def test_ccxt_options_right(options):
    assert_correct(check_ccxt_options(options))


@pytest.mark.parametrize(
    ("options", "stage", "words"),
    [
        ({}, "recvWindow", ["recvWindow=10000"]),
        ({"recvWindow": 100}, "recvWindow", ["recvWindow=100"]),
        ({"timeDifference": 0}, "recvWindow", ["options['recvWindow']"]),
        ([("recvWindow", 5000)], "answer", ["got list"]),
        ({"recvWindow": 5000, "timeDifference": "x"}, "answer", ["ccxt refused", "TypeError"]),
        ({"recvWindow": 5000, "timeDifference": 1000}, "payload", ["recvWindow is right"]),
    ],
    ids=["empty", "other-window", "other-option", "list", "refused", "other-timestamp"],
)
def test_ccxt_options_wrong(options, stage, words):
    assert_wrong(check_ccxt_options(options), stage, *words)
