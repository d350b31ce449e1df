"""helpers.exercises.debug: every check, fed the right answer, no answer, and the typical
mistakes — each named by the stage the signature doctor says diverged."""

import hashlib
import hmac

import pytest

from helpers.doctor import diagnose
from helpers.examples import EXAMPLE_API_KEY, EXAMPLE_SECRET_KEY, EXAMPLE_TIMESTAMP
from helpers.exercises.debug import (
    FORUM_ORDER,
    SERVER_TIME,
    check_article_rewrite,
    check_fixed_request,
    check_hypothesis,
    forum_curl,
    mystery_requests,
)
from helpers.exercises.feedback import Feedback
from helpers.request import sign_request


def status(verdict: Feedback) -> tuple[str, str | None]:
    assert isinstance(verdict, Feedback)
    repr(verdict)  # renders
    return verdict.status, verdict.stage


@pytest.mark.parametrize("check", [check_fixed_request, check_hypothesis, check_article_rewrite])
@pytest.mark.parametrize("answer", [..., None])
def test_unattempted_never_raises(check, answer):
    assert status(check(answer)) == ("not attempted", None)


# --- 8.1 -----------------------------------------------------------------------------------


def fixed(**changes) -> object:
    params = dict(FORUM_ORDER) | changes
    return sign_request("POST", "/api/v3/order", params, api_key=EXAMPLE_API_KEY,
                        secret=EXAMPLE_SECRET_KEY, timestamp=EXAMPLE_TIMESTAMP)  # fmt: skip


def test_the_forum_request_is_broken_two_ways():
    d = diagnose(forum_curl(), secret=EXAMPLE_SECRET_KEY, server_time=SERVER_TIME)
    assert set(d.codes) == {"TIMESTAMP_IN_SECONDS", "WS_SORTED_PAYLOAD_ON_REST"}
    assert status(check_fixed_request(forum_curl()))[0] == "wrong"


def test_fixed_request_right_as_a_signed_request_and_as_curl():
    assert status(check_fixed_request(fixed())) == ("correct", None)
    assert status(check_fixed_request(fixed().curl("https://api.binance.com"))) == (
        "correct",
        None,
    )


def test_fixed_request_mistakes_name_their_stage():
    assert status(check_fixed_request(fixed(quantity="0.02"))) == ("wrong", "parameters")
    other = sign_request("GET", "/api/v3/openOrders", dict(FORUM_ORDER), api_key=EXAMPLE_API_KEY,
                         secret=EXAMPLE_SECRET_KEY, timestamp=EXAMPLE_TIMESTAMP)  # fmt: skip
    assert status(check_fixed_request(other)) == ("wrong", "request")
    late = sign_request("POST", "/api/v3/order", FORUM_ORDER, api_key=EXAMPLE_API_KEY,
                        secret=EXAMPLE_SECRET_KEY, timestamp=SERVER_TIME - 10_000)  # fmt: skip
    assert status(check_fixed_request(late)) == ("wrong", "timestamp")
    bad_key = sign_request(
        "POST",
        "/api/v3/order",
        FORUM_ORDER,
        api_key=EXAMPLE_API_KEY,
        secret="FAKE" + EXAMPLE_SECRET_KEY[4:],
        timestamp=EXAMPLE_TIMESTAMP,
    )
    assert status(check_fixed_request(bad_key)) == ("wrong", "key")
    assert status(check_fixed_request("curl --nope x")) == ("wrong", "answer")
    assert status(check_fixed_request(42)) == ("wrong", "answer")


def test_the_broken_forum_request_first_names_the_timestamp():
    verdict = check_fixed_request(forum_curl())
    assert verdict.stage == "timestamp" and "TIMESTAMP_IN_SECONDS" in verdict.message
    assert "WS_SORTED_PAYLOAD_ON_REST" in verdict.message


# --- 8.2 -----------------------------------------------------------------------------------


def test_the_mysteries_are_unexplained_by_the_doctor():
    for url in mystery_requests():
        d = diagnose(url, headers={"X-MBX-APIKEY": EXAMPLE_API_KEY}, secret=EXAMPLE_SECRET_KEY)
        assert d.codes == ("UNKNOWN_MISMATCH",)


def test_hypothesis_right_and_wrong():
    assert status(check_hypothesis(lambda path, payload: path + "?" + payload)) == (
        "correct",
        None,
    )
    assert status(check_hypothesis(lambda path, payload: payload)) == ("wrong", "hypothesis")
    assert status(check_hypothesis(lambda path, payload: path + payload)) == (
        "wrong",
        "hypothesis",
    )
    hardcoded = mystery_requests()[0].split("?")[0].removeprefix("https://api.binance.com")
    assert status(check_hypothesis(lambda path, payload: hardcoded + "?" + payload)) == (
        "wrong",
        "generality",
    )
    assert status(check_hypothesis(lambda path, payload: 1 / 0)) == ("wrong", "function")
    assert status(check_hypothesis(lambda path, payload: 42)) == ("wrong", "answer")
    assert status(check_hypothesis("path?payload")) == ("wrong", "answer")
    as_bytes = check_hypothesis(lambda path, payload: (path + "?" + payload).encode())
    assert status(as_bytes) == ("correct", None)


# --- 9.1 -----------------------------------------------------------------------------------


def article_fixed(api_key, api_secret, timestamp):
    query = "timestamp=" + str(timestamp)
    signature = hmac.new(api_secret.encode(), query.encode(), hashlib.sha256).hexdigest()
    return f"/api/v3/account?{query}&signature={signature}", {"X-MBX-APIKEY": api_key}


def article_as_written(api_key, api_secret, timestamp):
    params_str = "api_key=" + api_key + "×tamp=" + str(timestamp)
    hashed = hmac.new(api_secret, params_str, hashlib.sha256)  # str: TypeError
    return f"/api/v3/account?{params_str}&signature={hashed.hexdigest()}", {}


def article_encoded_only(api_key, api_secret, timestamp):
    params_str = "api_key=" + api_key + "×tamp=" + str(timestamp)
    signature = hmac.new(api_secret.encode(), params_str.encode(), hashlib.sha256).hexdigest()
    return f"/api/v3/account?{params_str}&signature={signature}", {}


def test_article_rewrite_right():
    assert status(check_article_rewrite(article_fixed)) == ("correct", None)


def test_article_rewrite_mistakes_name_their_stage():
    assert status(check_article_rewrite(article_as_written)) == ("wrong", "bytes")
    assert status(check_article_rewrite(article_encoded_only)) == ("wrong", "header")

    def no_header(api_key, api_secret, timestamp):
        return article_fixed(api_key, api_secret, timestamp)[0], {}

    assert status(check_article_rewrite(no_header)) == ("wrong", "header")

    def seconds(api_key, api_secret, timestamp):
        return article_fixed(api_key, api_secret, timestamp // 1000)

    assert status(check_article_rewrite(seconds)) == ("wrong", "timestamp")

    def fixed_time(api_key, api_secret, timestamp):
        return article_fixed(api_key, api_secret, EXAMPLE_TIMESTAMP)

    assert status(check_article_rewrite(fixed_time)) == ("wrong", "timestamp")

    def concatenated(api_key, api_secret, timestamp):
        query = f"timestamp={timestamp}"
        signature = hashlib.sha256((api_secret + query).encode()).hexdigest()
        return f"/api/v3/account?{query}&signature={signature}", {"X-MBX-APIKEY": api_key}

    verdict = check_article_rewrite(concatenated)
    assert status(verdict) == ("wrong", "signature") and "SECRET_CONCATENATED" in verdict.message

    def other_path(api_key, api_secret, timestamp):
        url, headers = article_fixed(api_key, api_secret, timestamp)
        return url.replace("/account", "/openOrders"), headers

    assert status(check_article_rewrite(other_path)) == ("wrong", "request")

    def own_timestamp(api_key, api_secret, timestamp):  # accepted, but not the one given
        return article_fixed(api_key, api_secret, timestamp + 1)

    assert status(check_article_rewrite(own_timestamp)) == ("wrong", "timestamp")
    unreadable = check_article_rewrite(lambda *a: ("curl 'unclosed", {}))
    assert status(unreadable) == ("wrong", "answer") and "cannot read" in unreadable.message
    assert status(check_article_rewrite(lambda *a: "url")) == ("wrong", "answer")
    assert status(check_article_rewrite(lambda *a: 1 / 0)) == ("wrong", "function")
    assert status(check_article_rewrite(lambda a: a)) == ("wrong", "function")
    assert status(check_article_rewrite("code")) == ("wrong", "answer")
