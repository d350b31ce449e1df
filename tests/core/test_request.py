"""helpers.request: the documented example requests, rebuilt piece by piece."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from helpers.examples import (
    EXAMPLE_API_KEY,
    EXAMPLE_ORDER,
    EXAMPLE_RECV_WINDOW,
    EXAMPLE_SECRET_KEY,
    EXAMPLE_TIMESTAMP,
    vector,
)
from helpers.request import sign_request

API_KEY = EXAMPLE_API_KEY
SECRET = EXAMPLE_SECRET_KEY
ORDER = list(EXAMPLE_ORDER)
TIMING = dict(timestamp=EXAMPLE_TIMESTAMP, recv_window=EXAMPLE_RECV_WINDOW)
KEYS = dict(api_key=API_KEY, secret=SECRET)

# Binance Spot API docs, REST API, "Request Security" → "SIGNED Endpoint Examples for
# POST /api/v3/order" → "HMAC Keys" (the mixed one: before commit f83a5bf), read from
# helpers/data/vectors.json; tests/vectors/ re-computes them with openssl.
ASCII = vector("rest-hmac-ascii")
NON_ASCII = vector("rest-hmac-non-ascii")
MIXED = vector("rest-hmac-mixed")
DOC_PAYLOAD = ASCII["payload"]
DOC_SIGNATURE = ASCII["signature"]
DOC_MIXED_SIGNATURE = MIXED["signature"]


def test_the_example_order_is_the_documented_one():
    timing = [("recvWindow", str(EXAMPLE_RECV_WINDOW)), ("timestamp", str(EXAMPLE_TIMESTAMP))]
    assert ORDER + timing == [tuple(pair) for pair in ASCII["query"]]


def test_example_2_query_string():
    signed = sign_request("POST", "/api/v3/order", ORDER, **KEYS, **TIMING)
    assert signed.query_string == DOC_PAYLOAD
    assert signed.body == ""
    assert signed.payload == DOC_PAYLOAD
    assert signed.payload_bytes == DOC_PAYLOAD.encode()
    assert signed.signature == DOC_SIGNATURE
    # The docs' curl URL, with $BASE_URL for https://api.binance.com.
    assert signed.url() == f"$BASE_URL/api/v3/order?{DOC_PAYLOAD}&signature={DOC_SIGNATURE}"
    assert signed.url("https://api.binance.com/") == (
        f"https://api.binance.com/api/v3/order?{DOC_PAYLOAD}&signature={DOC_SIGNATURE}"
    )
    assert signed.headers == {"X-MBX-APIKEY": API_KEY}


def test_example_1_request_body():
    signed = sign_request("POST", "/api/v3/order", (), body_params=ORDER, **KEYS, **TIMING)
    assert signed.query_string == ""
    assert signed.body == DOC_PAYLOAD
    assert signed.signature == DOC_SIGNATURE
    assert signed.sent_body == f"{DOC_PAYLOAD}&signature={DOC_SIGNATURE}"
    assert signed.target == "/api/v3/order"
    assert signed.headers["Content-Type"] == "application/x-www-form-urlencoded"
    assert signed.curl() == (
        f'curl -H "X-MBX-APIKEY: {API_KEY}" -X POST "$BASE_URL/api/v3/order" '
        f"-d '{DOC_PAYLOAD}&signature={DOC_SIGNATURE}'"
    )


def test_example_3_mixed():
    signed = sign_request(
        "POST", "/api/v3/order", ORDER[:4], body_params=ORDER[4:], **KEYS, **TIMING
    )
    assert signed.query_string == MIXED["query_string"]
    assert signed.body == MIXED["body_text"]
    assert signed.signature == DOC_MIXED_SIGNATURE
    assert signed.sent_query == signed.query_string  # the signature goes in the body
    assert signed.sent_body.endswith(f"&signature={DOC_MIXED_SIGNATURE}")


def test_non_ascii_symbol_is_encoded_before_signing():
    order = [tuple(pair) for pair in NON_ASCII["query"][:-2]]  # without recvWindow, timestamp
    assert order[1:] == ORDER[1:]  # only the symbol differs
    signed = sign_request("POST", "/api/v3/order", order, **KEYS, **TIMING)
    assert signed.payload == NON_ASCII["payload"]
    assert signed.signature == NON_ASCII["signature"]


def test_decimal_recv_window_and_no_recv_window():
    signed = sign_request(
        "GET", "/api/v3/account", (), **KEYS, timestamp=1, recv_window=Decimal("1.5")
    )
    assert signed.query_string == "recvWindow=1.5&timestamp=1"
    signed = sign_request("GET", "/api/v3/account", (), **KEYS, timestamp=1)
    assert signed.query_string == "timestamp=1"


def test_ordered_params_are_kept_for_display():
    signed = sign_request(
        "POST", "/api/v3/order", ORDER[:4], body_params=ORDER[4:], **KEYS, **TIMING
    )
    assert signed.query_params == tuple(ORDER[:4])
    assert signed.body_params == tuple(tuple(pair) for pair in MIXED["body"])


def test_a_real_looking_key_is_masked_and_no_secret_is_shown():
    real_key = "FAKEkeyThatIsNotTheExample0123456789abcdefABCDEF0123456789abcdef"
    signed = sign_request(
        "GET", "/api/v3/account", (), api_key=real_key, secret=SECRET, timestamp=1
    )
    for text in (repr(signed), signed._repr_html_(), signed.curl(), str(signed)):
        assert real_key not in text
        assert SECRET not in text
        assert "$BINANCE_API_KEY" in text
    assert signed.headers["X-MBX-APIKEY"] == real_key  # it is still sent


def test_the_example_key_is_shown():
    signed = sign_request("GET", "/api/v3/account", (), **KEYS, timestamp=1)
    assert API_KEY in repr(signed)
    assert SECRET not in repr(signed) and SECRET not in signed._repr_html_()


@pytest.mark.parametrize(
    "args, kwargs, error, words",
    [
        (("get", "/api/v3/account"), {}, ValueError, "method: expected one of"),
        (("GET", "api/v3/account"), {}, ValueError, "path: expected a path"),
        (("GET", "/api/v3/account?x=1"), {}, ValueError, "path: expected a path"),
        (
            ("GET", "/api/v3/account"),
            {"body_params": {"a": "1"}},
            ValueError,
            "GET request has no body",
        ),
        (
            ("GET", "/api/v3/account"),
            {"timestamp": 1499827319.559},
            TypeError,
            "timestamp: expected",
        ),
        (
            ("GET", "/api/v3/account"),
            {"timestamp": "1499827319559"},
            TypeError,
            "timestamp: expected",
        ),
        (("GET", "/api/v3/account"), {"timestamp": True}, TypeError, "timestamp: expected"),
        (("GET", "/api/v3/account"), {"api_key": ""}, TypeError, "api_key"),
        (("GET", "/api/v3/account"), {"api_key": API_KEY + "\n"}, ValueError, "api_key"),
        (("GET", "/api/v3/account"), {"recv_window": 5000.0}, TypeError, "'recvWindow'"),
        (("GET", "/api/v3/account", {"timestamp": 1}), {}, ValueError, "pass timestamp="),
        (("GET", "/api/v3/account", {"recvWindow": 1}), {}, ValueError, "pass recv_window="),
        (("GET", "/api/v3/account", {"apiKey": API_KEY}), {}, ValueError, "X-MBX-APIKEY header"),
        (("GET", "/api/v3/account", {"qty": 0.1}), {}, TypeError, "'qty'"),
        (
            ("POST", "/api/v3/order", {"symbol": "A"}),
            {"body_params": {"symbol": "A"}},
            ValueError,
            "'symbol' is in both",
        ),
        (
            ("POST", "/api/v3/order"),
            {"body_params": {"timestamp": 5}},
            ValueError,
            "pass timestamp=",
        ),
    ],
)
def test_bad_input_is_refused_with_the_parameter_named(args, kwargs, error, words):
    kwargs = {"api_key": API_KEY, "secret": SECRET, "timestamp": 1499827319559} | kwargs
    with pytest.raises(error, match=words):
        sign_request(*args, **kwargs)


def test_secret_with_newline_is_refused():
    with pytest.raises(ValueError, match="whitespace"):
        sign_request(
            "GET", "/api/v3/account", (), api_key=API_KEY, secret=SECRET + "\n", timestamp=1
        )


# --- the whole pipeline against independent implementations ------------------------------

UNRESERVED = set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~")


def rfc3986(text: str) -> str:
    return "".join(chr(b) if chr(b) in UNRESERVED else f"%{b:02X}" for b in text.encode())


@given(
    params=st.dictionaries(
        st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=12).filter(
            lambda n: n not in ("signature", "timestamp", "recvWindow", "apiKey", "api_key")
        ),
        st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=300),
        max_size=6,
    ),
    # An HMAC secret as sign_request takes it: no surrounding whitespace, not PEM text
    # (both are refused with a message, tested elsewhere).
    secret=st.binary(min_size=1, max_size=150).filter(
        lambda k: k == k.strip() and not k.startswith(b"-----BEGIN ")
    ),
    timestamp=st.integers(min_value=1, max_value=10**16),
)
def test_any_request_is_signed_like_openssl_over_the_rfc3986_payload(
    openssl_hmac, params, secret, timestamp
):
    # Non-ASCII, reserved characters, long values, secrets longer than the 64-byte block.
    signed = sign_request("GET", "/api/v3/account", params, api_key=API_KEY, secret=secret,
                          timestamp=timestamp)  # fmt: skip
    expected = "&".join(
        [f"{rfc3986(k)}={rfc3986(v)}" for k, v in params.items()] + [f"timestamp={timestamp}"]
    )
    assert signed.payload == expected
    assert signed.signature == openssl_hmac(secret, expected.encode())
