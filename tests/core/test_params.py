"""helpers.params against Binance's documented payloads and an independent encoder."""

import urllib.parse
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from helpers.examples import key, vector
from helpers.params import format_value, percent_encode, query_string, total_params

# Binance Spot API docs, REST API, "Request Security" → "SIGNED Endpoint Examples for
# POST /api/v3/order" (the mixed one: before commit f83a5bf), from helpers/data/vectors.json.
ASCII = vector("rest-hmac-ascii")
NON_ASCII = vector("rest-hmac-non-ascii")
MIXED = vector("rest-hmac-mixed")
DOC_PARAMS = [tuple(pair) for pair in ASCII["query"]]

UNRESERVED = set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~")


def reference_encode(text: str) -> str:
    """RFC 3986 percent-encoding written straight from the spec, byte by byte."""
    return "".join(chr(b) if chr(b) in UNRESERVED else f"%{b:02X}" for b in text.encode("utf-8"))


def test_documented_payload():
    assert query_string(DOC_PARAMS) == ASCII["payload"] == ASCII["query_string"]
    assert query_string(dict(DOC_PARAMS)) == ASCII["payload"]


def test_documented_non_ascii_payload():
    params = [tuple(pair) for pair in NON_ASCII["query"]]
    assert params[1:] == DOC_PARAMS[1:] and params[0] != DOC_PARAMS[0]  # only the symbol
    assert query_string(params) == NON_ASCII["payload"]


def test_documented_mixed_payload_has_no_separator(openssl_hmac):
    """The one test of the rule (rest-api.md → "SIGNED Endpoint Examples for POST
    /api/v3/order" → "HMAC Keys"): "The signature payload of your request is the query
    string concatenated without separator to the HTTP body." Checked against the docs' mixed
    example: its signature is openssl's HMAC over query + body, and not over query & body."""
    assert MIXED["query"] + MIXED["body"] == ASCII["query"]  # the same order, split in two
    query = query_string(DOC_PARAMS[:4])
    body = query_string(DOC_PARAMS[4:])
    assert (query, body) == (MIXED["query_string"], MIXED["body_text"])
    assert total_params(query, body) == MIXED["payload"] == query + body
    assert total_params("", body) == body
    secret = key(MIXED["key"])["secret"].encode()
    assert openssl_hmac(secret, (query + body).encode()) == MIXED["signature"]
    assert openssl_hmac(secret, f"{query}&{body}".encode()) != MIXED["signature"]


def test_order_is_kept_not_sorted():
    assert query_string([("z", "1"), ("a", "2")]) == "z=1&a=2"


@pytest.mark.parametrize(
    "text, encoded",
    [
        ("a b", "a%20b"),  # space is %20, never +
        ("a+b", "a%2Bb"),
        ("~-_.", "~-_."),  # RFC 3986 unreserved: kept
        ("&=?/#%", "%26%3D%3F%2F%23%25"),
        ("é", "%C3%A9"),  # UTF-8, uppercase hex
        ('["BTCUSDT"]', "%5B%22BTCUSDT%22%5D"),
    ],
)
def test_percent_encode_examples(text, encoded):
    assert percent_encode(text) == encoded


@given(st.text())
def test_percent_encode_matches_the_rfc(text):
    try:
        expected = reference_encode(text)
    except UnicodeEncodeError:  # lone surrogates: not text that can be sent
        with pytest.raises(ValueError, match="UTF-8"):
            percent_encode(text)
        return
    assert percent_encode(text) == expected


names = st.text(min_size=1, max_size=20).filter(lambda s: s != "signature")
safe_text = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=40)


@given(st.dictionaries(names, safe_text, max_size=8))
def test_query_string_decodes_back_to_the_params(params):
    # urllib's parser is an independent decoder; keep_blank_values keeps nothing out.
    decoded = urllib.parse.parse_qsl(
        query_string(params), keep_blank_values=True, strict_parsing=False
    )
    assert decoded == list(params.items())


@pytest.mark.parametrize(
    "value, text",
    [
        ("BTCUSDT", "BTCUSDT"),
        (1, "1"),
        (1499827319559, "1499827319559"),
        (Decimal("0.00001"), "0.00001"),  # str(0.00001) would be '1e-05'
        (Decimal("1E-5"), "0.00001"),
        (Decimal("1E+3"), "1000"),
        (Decimal("52000.00"), "52000.00"),  # trailing zeros are kept as written
        (["BTCUSDT", "BNBBTC"], '["BTCUSDT","BNBBTC"]'),
        (("１２３",), '["１２３"]'),  # UTF-8 kept in the JSON, encoded afterwards
    ],
)
def test_format_value(value, text):
    assert format_value("p", value) == text


def test_list_is_compact_json_then_encoded():
    assert query_string({"symbols": ["BTCUSDT", "BNBBTC"]}) == (
        "symbols=%5B%22BTCUSDT%22%2C%22BNBBTC%22%5D"
    )


@pytest.mark.parametrize(
    "value, error, words",
    [
        (0.00001, TypeError, ["'quantity'", "1e-05", "Decimal"]),
        (0.1 + 0.2, TypeError, ["'quantity'", "0.30000000000000004"]),
        (True, TypeError, ["'quantity'", "'true'"]),
        (False, TypeError, ["'quantity'", "'false'"]),
        (None, TypeError, ["'quantity'", "leave the parameter out"]),
        ({"a": "1"}, TypeError, ["'quantity'", "nested"]),
        ({"a", "b"}, TypeError, ["'quantity'", "set"]),
        (b"1", TypeError, ["'quantity'", "bytes"]),
        ("", ValueError, ["'quantity'", "-1105"]),
        ([], ValueError, ["'quantity'", "empty list"]),
        (["BTCUSDT", 1], TypeError, ["'quantity'", "list items must be str"]),
        (Decimal("NaN"), ValueError, ["'quantity'", "finite"]),
        (Decimal("Infinity"), ValueError, ["'quantity'", "finite"]),
        ("\ud800", ValueError, ["'quantity'", "UTF-8"]),
    ],
)
def test_refused_values_name_the_parameter(value, error, words):
    with pytest.raises(error) as info:
        query_string({"symbol": "BTCUSDT", "quantity": value})
    for word in words:
        assert word in str(info.value)


def test_duplicate_names_are_refused():
    with pytest.raises(ValueError, match="'symbol' appears twice.*-1101"):
        query_string([("symbol", "A"), ("side", "BUY"), ("symbol", "B")])


def test_signature_is_never_part_of_the_payload():
    with pytest.raises(ValueError, match="'signature' is never part"):
        query_string([("symbol", "A"), ("signature", "abc")])


@pytest.mark.parametrize(
    "params, words",
    [
        ("symbol=LTCBTC", "got str"),
        (42, "got int"),
        ([("symbol",)], "pair"),
        ([("symbol", "A", "B")], "pair"),
        ([(1, "A")], "names must be non-empty str"),
        ([("", "A")], "names must be non-empty str"),
    ],
)
def test_malformed_params_are_refused(params, words):
    with pytest.raises(TypeError, match=words):
        query_string(params)


def test_total_params_refuses_non_text():
    with pytest.raises(TypeError, match="body: expected str"):
        total_params("a=1", b"b=2")
