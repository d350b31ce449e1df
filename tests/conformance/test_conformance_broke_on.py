"""The vectors users broke on (issue 27), in the corpus: the symbols 币安人生USDT (2025's
wave of -1022, observed) and 这是测试币456 (the Spot Testnet's, CHANGELOG.md → 2025-12-18),
'@ + * / = ~ %' and a space in a value, a batchOrders JSON list, a REST and a WebSocket API
case for the same parameters — each REST one with HMAC, Ed25519 and RSA keys.

Binance's signature examples repository has two ASCII-only HMAC vectors; a golden-vector
suite of alphanumeric values "passed" signers that only handle ASCII. Here a signer correct
only for ASCII, and one that signs before percent-encoding, must fail the suite — on these
vectors, not only on older ones — while they pass every case a pure-ASCII suite would hold.
"""

import json
import re
import urllib.parse
from pathlib import Path

from test_conformance import encode, place, sign

from helpers import conformance

ROOT = Path(__file__).parents[2]
BROKE_ON = ("binance-life-usdt", "testnet-symbol", "special-values", "batch-orders")
WS_PAIRED = ("binance-life-usdt", "testnet-symbol")
KEY_LABELS = {"HMAC": "hmac", "Ed25519": "ed25519", "RSA": "rsa"}
SPECIALS = "@+*/=~% "


def by_name() -> dict:
    return {c.name: c for c in conformance.cases()}


def new_rest_names(*, non_ascii_only: bool = False) -> set[str]:
    corpus = by_name()
    names = {f"{label}-{name}" for label in KEY_LABELS.values() for name in BROKE_ON}
    if non_ascii_only:
        names = {n for n in names if not all(v.isascii() for p in corpus[n].pairs for v in p)}
    return names


def quote(text: str) -> str:
    return urllib.parse.quote(text, safe="")


def test_each_vector_is_a_rest_case_for_every_key_type():
    corpus = by_name()
    assert new_rest_names() <= set(corpus)
    for name in BROKE_ON:
        hmac_case = corpus[f"hmac-{name}"]
        for key_type, label in KEY_LABELS.items():
            case = corpus[f"{label}-{name}"]
            assert (case.api, case.key_type) == ("rest", key_type)
            assert (case.method, case.path, case.query, case.body) == (
                hmac_case.method, hmac_case.path, hmac_case.query, hmac_case.body)


def test_the_symbols_users_broke_on_are_percent_encoded_utf8_on_rest():
    corpus = by_name()
    for name, symbol in (("binance-life-usdt", "币安人生USDT"),
                         ("testnet-symbol", "这是测试币456")):  # fmt: skip
        case = corpus[f"hmac-{name}"]
        assert dict(case.pairs)["symbol"] == symbol
        encoded = "symbol=" + quote(symbol)
        assert encoded in case.expected["payload"] and symbol not in case.expected["payload"]
        assert re.search(r"%[0-9A-F]{2}", encoded)
        assert not re.search(r"%(?:[a-f][0-9a-fA-F]|[0-9A-F][a-f])", encoded)  # uppercase hex


def test_the_testnet_symbol_cites_the_changelog_and_user_reports_say_observed():
    corpus = by_name()
    source = json.loads((ROOT / "helpers/data/conformance.json").read_text("utf-8"))
    sources = {c["name"]: c["source"] for c in source["cases"]}
    cited = sources["hmac-testnet-symbol"]
    assert (cited["file"], cited["heading"]) == ("CHANGELOG.md", "2025-12-18")
    headings = json.loads((ROOT / "tests/data/docs_headings.json").read_text("utf-8"))
    assert [3, "2025-12-18"] in headings["files"]["CHANGELOG.md"]
    for name in ("binance-life-usdt", "special-values", "batch-orders"):
        assert sources[f"hmac-{name}"] is None
        assert "Observed" in corpus[f"hmac-{name}"].about, name


def test_special_characters_and_the_batch_orders_list():
    corpus = by_name()
    value = dict(corpus["hmac-special-values"].pairs)["newClientOrderId"]
    assert set(SPECIALS) <= set(value)
    payload = corpus["hmac-special-values"].expected["payload"]
    assert quote(value) in payload and "~" in quote(value)  # '~' is unreserved: kept
    batch = dict(corpus["hmac-batch-orders"].pairs)["batchOrders"]
    orders = json.loads(batch)
    assert isinstance(orders, list) and all(isinstance(o, dict) for o in orders)
    assert batch == json.dumps(orders, separators=(",", ":"), ensure_ascii=False)  # compact
    assert "batchOrders=" + quote(batch) in corpus["hmac-batch-orders"].expected["payload"]


def test_the_same_parameters_on_rest_and_the_websocket_api():
    corpus = by_name()
    for name in WS_PAIRED:
        rest, ws = corpus[f"hmac-{name}"], corpus[f"ws-{name}"]
        params = dict(ws.params)
        assert params.pop("apiKey") and list(params.items()) == list(rest.pairs)
        payload = "&".join(f"{n}={v}" for n, v in sorted(ws.params))  # raw UTF-8, sorted
        assert ws.expected["payload"] == payload
        assert rest.expected["payload"] == encode(rest.query) + encode(rest.body)
        assert ws.expected["payload"] != rest.expected["payload"]


# --- signers correct only for ASCII fail the suite, on the new vectors -------------------


def ascii_only(case: dict) -> dict:
    """REST: percent-encodes a value only if it is ASCII; sends and signs other text raw.
    The WebSocket API: signs each value as JSON writes it by default (``ensure_ascii``):
    ASCII as given, 币 as ``\\u5e01``."""
    enc = lambda t: quote(t) if t.isascii() else t  # noqa: E731
    if case["api"] == "ws":
        payload = "&".join(f"{n}={json.dumps(v)[1:-1]}" for n, v in sorted(case["params"]))
        return {"params": {**dict(case["params"]), "signature": sign(case, payload)}}
    query, body = encode(case["query"], enc), encode(case["body"], enc)
    return place(case, query, body, sign(case, query + body))


def signed_before_encoding(case: dict) -> dict:
    """Sends the percent-encoded text, signs the text before encoding (REST)."""
    if case["api"] == "ws":
        return {"unsupported": "REST only"}
    raw = lambda t: t  # noqa: E731
    query, body = encode(case["query"]), encode(case["body"])
    return place(case, query, body, sign(case, encode(case["query"], raw)
                                         + encode(case["body"], raw)))  # fmt: skip


def all_ascii(case) -> bool:
    return all(text.isascii() for pair in case.pairs for text in pair)


def test_a_signer_correct_only_for_ascii_fails_the_new_vectors():
    report = conformance.run(ascii_only)
    failed = {r.name for r in report.failures()}
    corpus = by_name()
    assert report.failed > 0
    # Every all-ASCII case passes (as Binance's two ASCII vectors would) ...
    assert not {n for n in failed if all_ascii(corpus[n])}
    assert corpus["rest-hmac-ascii"].name not in failed
    # ... and every new vector with non-ASCII text fails: REST with each key type, and the
    # WebSocket API (escaped there, where the payload is raw UTF-8).
    assert new_rest_names(non_ascii_only=True) <= failed
    assert {f"hmac-{n}" for n in ("binance-life-usdt", "testnet-symbol",
                                  "batch-orders")} <= failed  # fmt: skip
    assert {f"ws-{n}" for n in WS_PAIRED} <= failed
    codes = {c for r in report.failures() if r.name in new_rest_names() for c in r.codes}
    assert "NON_ASCII_UNENCODED" in codes, report.table()


def test_a_signer_that_signs_before_encoding_fails_every_new_rest_vector():
    report = conformance.run(signed_before_encoding, api="rest")
    failed = {r.name: r for r in report.failures()}
    assert new_rest_names() <= set(failed), report.table()
    for label in KEY_LABELS.values():
        assert "SIGNED_BEFORE_ENCODING" in failed[f"{label}-special-values"].codes
        assert "NON_ASCII_UNENCODED" in failed[f"{label}-binance-life-usdt"].codes

