"""helpers.exercises.nb03_send and nb12_signer: notebook 03's and 12's function exercises,
fed right answers, the stub, and typical wrong functions.

The right answers are written here with ``hmac`` and ``urllib.parse`` alone, independent of
``helpers``; the checkers' literals (``SIGNED_PARTS``) are recomputed from them.
"""

import hashlib
import hmac
import urllib.parse

import pytest
from verdicts import assert_correct, assert_not_attempted, assert_wrong

from helpers.conformance import cases
from helpers.exercises.nb03_send import (
    SECRET,
    SIGNED_PARTS,
    check_best_offset,
    check_signed_parts,
    check_within_window,
)
from helpers.exercises.nb12_signer import check_hmac_signer


def qs(pairs, quote=lambda t: urllib.parse.quote(t, safe="-_.~")):
    return "&".join(f"{quote(n)}={quote(v)}" for n, v in pairs)


def hex_hmac(secret, payload):
    return hmac.new(secret.encode(), payload.encode(), hashlib.sha256).hexdigest()


def signed_parts(query_params, body_params, secret, timestamp, *, join="", where=None):
    stamp = [("timestamp", str(timestamp))]
    query = qs(query_params + ([] if body_params else stamp))
    body = qs(body_params + stamp) if body_params else ""
    signature = hex_hmac(secret, query + (join if query and body else "") + body)
    if (where or ("body" if body else "query")) == "body":
        return query, body + "&signature=" + signature
    return query + ("&" if query else "") + "signature=" + signature, body


# --- 3.1 signed_parts ------------------------------------------------------------------------


def test_the_literals_are_the_hmac_of_the_parts():
    for (query, body, timestamp), expected in SIGNED_PARTS:
        assert signed_parts(query, body, SECRET, timestamp) == expected


def test_signed_parts_right():
    assert_correct(check_signed_parts(signed_parts))
    # The signature in the query string of a mixed request: the docs allow it, the server
    # accepts it, the parameters are the case's.
    assert_correct(check_signed_parts(lambda q, b, s, t: signed_parts(q, b, s, t, where="query")))


@pytest.mark.parametrize("stub", [..., None, lambda q, b, s, t: None])
def test_signed_parts_not_attempted(stub):
    assert_not_attempted(check_signed_parts(stub))


@pytest.mark.parametrize(
    ("answer", "stage", "words"),
    [
        (lambda q, b, s, t: signed_parts(q, b, "another", t), "signature", ["-1022", "yours:"]),
        (lambda q, b, s, t: signed_parts(q, b, s, t + 1), "payload", ["yours:", "expected:"]),
        (lambda q, b, s, t: signed_parts(q, b, s, t, join="&"), "signature", ["-1022"]),
        (lambda q, b, s, t: "a=b", "answer", ["two str"]),
        (lambda q, b, s, t: 1 / 0, "function", ["ZeroDivisionError"]),
    ],
    ids=["other-secret", "other-timestamp", "joined-with-ampersand", "one-str", "raises"],
)
def test_signed_parts_wrong(answer, stage, words):
    assert_wrong(check_signed_parts(answer), stage, *words)


def test_signed_parts_unencoded_is_refused_before_sending():
    def unencoded(q, b, s, t):
        return ("symbol=BTC USDT&timestamp=" + str(t), "")

    assert_wrong(check_signed_parts(unencoded), "encoding", "' '", "percent-encode")


# --- 3.2 within_window -------------------------------------------------------------------------


def within(timestamp, server_time, recv_window):
    stamp = timestamp if timestamp >= 10**15 else timestamp * 1000
    return stamp < (server_time + 1000) * 1000 and server_time * 1000 - stamp <= recv_window * 1000


def test_within_window():
    assert_correct(check_within_window(within))
    assert_not_attempted(check_within_window(lambda t, s, r: None))
    exclusive = lambda t, s, r: s - r < t < s + 1000  # noqa: E731
    assert_wrong(check_within_window(exclusive), "timing", "left edge is in")
    inclusive = lambda t, s, r: s - r <= t <= s + 1000  # noqa: E731
    assert_wrong(check_within_window(inclusive), "timing", "strictly")
    ms_only = lambda t, s, r: s - r <= t < s + 1000  # noqa: E731
    assert_wrong(check_within_window(ms_only), "timing", "microseconds", "yours:")


# --- 3.3 best_offset ---------------------------------------------------------------------------


def offset(sample):
    sent, server, received = sample
    return server - (sent + received) // 2


def test_best_offset():
    assert_correct(
        check_best_offset(lambda samples: offset(min(samples, key=lambda s: s[2] - s[0])))
    )
    assert_not_attempted(check_best_offset(lambda samples: ...))
    assert_wrong(check_best_offset(lambda samples: offset(samples[0])), "offset", "first sample")
    mean = lambda samples: sum(map(offset, samples)) / len(samples)  # noqa: E731
    assert_wrong(check_best_offset(mean), "offset", "average")


# --- 12.1 my_signer ----------------------------------------------------------------------------


def my_signer(case, *, ws=True):
    if case["key_type"] != "HMAC" or (case["api"] == "ws" and not ws):
        return {"unsupported": "no"}
    if case["api"] == "ws":
        params = dict(case["params"])
        payload = "&".join(f"{k}={v}" for k, v in sorted(params.items()))
        return {"params": {**params, "signature": hex_hmac(case["secret"], payload)}}
    query, body = qs(case["query"]), qs(case["body"])
    signature = hex_hmac(case["secret"], query + body)
    if body:
        return {"query": query, "body": body + "&signature=" + signature}
    return {"query": query + ("&" if query else "") + "signature=" + signature, "body": ""}


def test_hmac_signer():
    assert_correct(check_hmac_signer(my_signer))
    assert_not_attempted(check_hmac_signer(lambda case: None))
    assert_not_attempted(check_hmac_signer(...))
    rest_only = lambda case: my_signer(case, ws=False)  # noqa: E731
    passed, total = len(cases(api="rest", key_type="HMAC")), len(cases(key_type="HMAC"))
    assert_wrong(check_hmac_signer(rest_only), "answer", f"{passed} of {total}", "yours:",
                 "{'unsupported'")
    assert_wrong(check_hmac_signer(lambda case: 1 / 0), "function", "ZeroDivisionError")


def test_hmac_signer_names_the_stage_and_the_doctors_code():
    def joined(case):
        answer = my_signer(case)
        if case["api"] == "rest" and case["query"] and case["body"]:
            query, body = qs(case["query"]), qs(case["body"])
            signature = hex_hmac(case["secret"], query + "&" + body)
            answer = {"query": query, "body": body + "&signature=" + signature}
        return answer

    assert_wrong(check_hmac_signer(joined), "payload assembly", "QUERY_BODY_JOINED_WITH_AMPERSAND")
