"""The self-checks of notebooks 08, 09 and 10 (helpers.exercises.nb08_debug, nb09_article,
nb10_clients) name the typical wrong answer — the doctor's code where a request is judged —
and accept every right one, not only the solution's spelling of it."""

import hashlib
import hmac
import urllib.parse

import pytest

from helpers.exercises.nb08_debug import check_forum_signer, check_hypothesis_cases
from helpers.exercises.nb09_article import check_signed_get
from helpers.exercises.nb10_clients import (
    check_ccxt_options,
    check_python_binance_payload,
    check_rebuild_payload,
)


def hex_hmac(secret: str, text: str) -> str:
    return hmac.new(secret.encode(), text.encode(), hashlib.sha256).hexdigest()


def assert_wrong(feedback, stage, *words):
    assert feedback.status == "wrong", repr(feedback)
    assert feedback.stage == stage, repr(feedback)
    assert "yours:" in feedback.message and "expected:" in feedback.message, repr(feedback)
    for word in words:
        assert word in feedback.message, (word, repr(feedback))


# --- 8.1 --------------------------------------------------------------------------------------


def forum_like(sort: bool, seconds: bool):
    def forum_signer(params, now, secret):
        stamp = int(now) if seconds else int(now * 1000)
        pairs = [*params, ("timestamp", stamp)]
        sent = "&".join(f"{k}={v}" for k, v in pairs)
        signed = "&".join(f"{k}={v}" for k, v in (sorted(pairs) if sort else pairs))
        return f"{sent}&signature={hex_hmac(secret, signed)}"

    return forum_signer


def test_8_1_right_with_urlencode_too():
    def forum_signer(params, now, secret):
        query = urllib.parse.urlencode([*params, ("timestamp", round(now * 1000))])
        return f"{query}&signature={hex_hmac(secret, query)}"

    assert check_forum_signer(forum_signer).status == "correct"


def test_8_1_the_doctor_names_each_fault_of_the_forum():
    assert_wrong(check_forum_signer(forum_like(True, True)), "payload", "TIMESTAMP_IN_SECONDS")
    assert_wrong(check_forum_signer(forum_like(True, False)), "payload", "WS_SORTED_PAYLOAD")
    assert check_forum_signer(forum_like(False, False)).status == "correct"


def test_8_1_a_raising_function_is_reported():
    feedback = check_forum_signer(lambda params, now, secret: 1 / 0)
    assert feedback.stage == "function" and "ZeroDivisionError" in feedback.message


# --- 8.2 --------------------------------------------------------------------------------------


def test_8_2_the_payload_as_sent_and_a_constant_fail_at_the_hypothesis():
    assert_wrong(check_hypothesis_cases(lambda path, payload: payload), "hypothesis",
                 "the payload as sent")  # fmt: skip

    def only_first(path, payload):
        return "/api/v3/openOrders?" + payload if "LTCBTC" in payload else "?"

    assert_wrong(check_hypothesis_cases(only_first), "hypothesis", "use the arguments")


def test_8_2_wrong_type_is_named():
    assert check_hypothesis_cases(lambda path, payload: b"x").stage == "answer"


# --- 9.1 --------------------------------------------------------------------------------------


def test_9_1_right_with_plus_encoding_too():
    def signed_get(api_key, api_secret, path, params, timestamp):
        query = urllib.parse.urlencode([*params, ("timestamp", timestamp)])
        return f"{path}?{query}&signature={hex_hmac(api_secret, query)}", {"X-MBX-APIKEY": api_key}

    assert check_signed_get(signed_get).status == "correct"


def test_9_1_str_for_hmac_is_named_bytes():
    def signed_get(api_key, api_secret, path, params, timestamp):
        return hmac.new(api_secret, path, hashlib.sha256).hexdigest()

    feedback = check_signed_get(signed_get)
    assert feedback.stage == "bytes" and "hmac.new takes bytes" in feedback.message


def test_9_1_raw_non_ascii_and_the_key_as_a_parameter_are_named_by_the_doctor():
    def raw(api_key, api_secret, path, params, timestamp):
        query = "&".join(f"{k}={v}" for k, v in [*params, ("timestamp", timestamp)])
        return f"{path}?{query}&signature={hex_hmac(api_secret, query)}", {"X-MBX-APIKEY": api_key}

    assert_wrong(check_signed_get(raw), "encoding", "NON_ASCII_UNENCODED")

    def key_in_query(api_key, api_secret, path, params, timestamp):
        query = urllib.parse.urlencode([("api_key", api_key), *params, ("timestamp", timestamp)])
        return f"{path}?{query}&signature={hex_hmac(api_secret, query)}", {}

    assert_wrong(check_signed_get(key_in_query), "header", "X-MBX-APIKEY")


# --- 10.1, 10.2, 10.3 -------------------------------------------------------------------------


def test_10_1_unsorted_and_own_recv_window_are_named():
    def unsorted(params, timestamp):
        data = {**dict(params), "recvWindow": 10000, "timestamp": timestamp}
        return "&".join(f"{k}={v}" for k, v in data.items())

    assert_wrong(check_python_binance_payload(unsorted), "payload", "sorts the parameters")

    def own_window(params, timestamp):
        data = {"recvWindow": 5000, **dict(params), "timestamp": timestamp}
        return "&".join(f"{k}={v}" for k, v in sorted(data.items()))

    assert_wrong(check_python_binance_payload(own_window), "payload", "recvWindow=10000")


def unsigned(part):
    return "&".join(p for p in part.split("&") if p and not p.startswith("signature="))


def rebuild(target, body):
    return unsigned(target.partition("?")[2]) + unsigned(body)


def test_10_2_right():
    assert check_rebuild_payload(rebuild).status == "correct"


@pytest.mark.parametrize(
    ("answer", "words"),
    [
        (lambda t, b: "&".join(x for x in (unsigned(t.partition("?")[2]), unsigned(b)) if x),
         "no separator"),
        (lambda t, b: urllib.parse.unquote_plus(rebuild(t, b)), "as they arrived"),
        (lambda t, b: t.partition("?")[2] + b, "removes the signature"),
        (lambda t, b: t.split("&signature")[0] + unsigned(b), "starts with the path"),
        (lambda t, b: "&".join(sorted(rebuild(t, b).split("&"))), "reordered"),
        (lambda t, b: rebuild(t, b).encode(), "Expected a str, got bytes"),
        (lambda t, b: rebuild(t, b)[:-1], "first difference"),
    ],
    ids=["ampersand", "decoded", "signature", "path", "sorted", "bytes", "other"],
)  # fmt: skip
def test_10_2_a_typical_mistake_is_named(answer, words):
    assert_wrong(check_rebuild_payload(answer), "payload", words)


def test_10_2_a_raising_function_and_a_non_function_are_reported():
    feedback = check_rebuild_payload(lambda t, b: 1 / 0)
    assert feedback.stage == "function" and "ZeroDivisionError" in feedback.message
    assert check_rebuild_payload("rebuild").stage == "answer"


def test_10_3_another_option_name_and_a_constant_fail_on_recv_window():
    assert_wrong(check_ccxt_options(lambda rw: {"timeDifference": 0}), "recvWindow",
                 "recvWindow=10000")  # fmt: skip
    assert_wrong(check_ccxt_options(lambda rw: {"recvWindow": 5000}), "recvWindow",
                 "recvWindow=5000, not 100")  # fmt: skip
    assert check_ccxt_options(lambda rw: [("recvWindow", rw)]).stage == "answer"
