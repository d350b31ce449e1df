#!/usr/bin/env python3
"""Write helpers/data/conformance.json: the conformance suite's corpus (``helpers.conformance``).

Every case is one signed request a correct signer gets accepted: its key, method, path and
parameters (query and body, in order, every value as text), and what a correct signer
produces — the query string, the body and the payload, plus the HMAC signature. Those
expected values come from ``generate.py``'s independent implementation (``urllib.parse``
and ``hmac``, cross-checked with ``openssl``); this script never imports ``helpers``. The
docs' vectors are copied from ``helpers/data/vectors.json`` and re-checked against the
docs' own query strings, payloads and signatures before anything is written.

The vectors users broke on (``generate.py``'s ``BROKE_ON``: the symbols 币安人生USDT and
这是测试币456, '@ + * / = ~ %' and a space in a value, a batchOrders list) are REST cases
with each key type, and WebSocket API cases (HMAC, as every WebSocket case here) for the
same parameters where ``BROKE_ON`` says so.

Ed25519 and RSA cases carry no expected signature: the suite verifies them with the public
half of a test-only key it derives from the seed stored here (``keys``), deterministically.

    python tests/vectors/generate_conformance.py           # (re)write the corpus
    python tests/vectors/generate_conformance.py --check   # exit 1 if it is stale
"""

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import BROKE_ON, DATA, api_key_of, encode, hmac_hex, secret_of, text  # noqa: E402

CORPUS = DATA.parent / "conformance.json"
DOCS = "docs-hmac"
TS, RW = "1499827319559", "5000"
TIMING = [["recvWindow", RW], ["timestamp", TS]]
ORDER = [["symbol", "LTCBTC"], ["side", "BUY"], ["type", "LIMIT"], ["timeInForce", "GTC"],
         ["quantity", "1"], ["price", "0.1"]]
SORTED_ORDER = sorted(ORDER + TIMING)
TEST = "/api/v3/order/test"
# Every character RFC 3986 reserves (gen-delims and sub-delims), '%', a space and the other
# printable ASCII characters outside the unreserved set.
RESERVED = ":/?#[]@!$&'()*+,;=% \"<>\\^`{|}"

# Test-only keys: they open no account anywhere. The suite builds the Ed25519 and RSA
# private keys from these seeds (helpers.conformance.keys), the same keys on every run.
TEST_KEYS = [
    {"id": "test-hmac", "key_type": "HMAC", "api_key": "ConformanceTestOnlyHmacKey",
     "secret": "conformance-test-only-secret-not-a-real-key",
     "note": "TEST-ONLY example key for the conformance suite; opens no account."},
    {"id": "test-ed25519", "key_type": "Ed25519", "api_key": "ConformanceTestOnlyEd25519Key",
     "seed": "conformance-ed25519-test-only!!!",
     "note": "TEST-ONLY: the private key is the 32-byte seed; opens no account."},
    {"id": "test-rsa", "key_type": "RSA", "api_key": "ConformanceTestOnlyRsaKey",
     "seed": "conformance-rsa-test-only",
     "note": "TEST-ONLY: 2048-bit primes drawn from random.Random(seed); opens no account."},
]
KEY_TYPES = {"docs-hmac": "HMAC", **{k["id"]: k["key_type"] for k in TEST_KEYS}}


def secret(data: dict, key_id: str) -> str:
    if key_id == DOCS:
        return secret_of(data, key_id)
    return next(k["secret"] for k in TEST_KEYS if k["id"] == key_id)


def rest(data, name, about, *, key=DOCS, method="POST", path=TEST, query=(), body=(),
         source=None) -> dict:
    query, body = [[n, text(v)] for n, v in query], [[n, text(v)] for n, v in body]
    query_string, body_text = encode(query), encode(body)
    payload = query_string + body_text  # no separator between the parts
    hmac = KEY_TYPES[key] == "HMAC"
    return {"name": name, "about": about, "api": "rest", "key": key,
            "key_type": KEY_TYPES[key], "method": method, "path": path, "query": query,
            "body": body, "source": source,
            "expected": {"query_string": query_string, "body": body_text, "payload": payload,
                         "signature": hmac_hex(secret(data, key), payload) if hmac else None}}


def ws(data, name, about, *, method="order.place", params, key=DOCS, source=None) -> dict:
    params = [[n, text(v)] for n, v in params]
    ordered = sorted((p for p in params if p[0] != "signature"), key=lambda p: p[0])
    payload = "&".join(f"{n}={v}" for n, v in ordered)  # raw UTF-8, sorted by name
    return {"name": name, "about": about, "api": "ws", "key": key, "key_type": "HMAC",
            "method": method, "params": params, "source": source,
            "expected": {"payload": payload, "signature": hmac_hex(secret(data, key), payload)}}


def documented(data: dict) -> list[dict]:
    """The docs' HMAC vectors, checked stage by stage against the docs' values."""
    cases = []
    for v in data["vectors"]:
        about = f"Binance's documented vector {v['id']} ({v['source']['file']})."
        if v["api"] == "rest":
            case = rest(data, v["id"], about, method=v["method"], path=v["path"],
                        query=v["query"], body=v["body"], source=v["source"])
            pairs = {"query_string": "query_string", "body": "body_text"}
        else:
            case = ws(data, v["id"], about, method=v["method"], params=v["params"],
                      source=v["source"])
            pairs = {}
        for ours, theirs in {**pairs, "payload": "payload", "signature": "signature"}.items():
            got = case["expected"][ours]
            assert got == v[theirs], f"{v['id']}: {ours} {got!r} != {v[theirs]!r}"
        cases.append(case)
    return cases


def hmac_cases(data: dict) -> list[dict]:
    r = rest
    return [
        r(data, "hmac-timestamp-only", "The smallest signed request: timestamp alone.",
          method="GET", path="/api/v3/account", query=[["timestamp", TS]]),
        r(data, "hmac-query-sorted", "Every parameter in the query, already sorted by name.",
          query=SORTED_ORDER),
        r(data, "hmac-body-only", "Every parameter in the form body, in the docs' order.",
          body=ORDER + TIMING),
        r(data, "hmac-body-sorted", "Every parameter in the body, already sorted by name.",
          body=SORTED_ORDER),
        r(data, "hmac-mixed-unsorted", "Query and body in no particular order: the payload "
          "keeps the order sent and joins the parts without '&'.",
          query=[["timestamp", TS], ["symbol", "LTCBTC"], ["side", "BUY"]],
          body=[["type", "LIMIT"], ["quantity", "1"], ["price", "0.1"],
                ["timeInForce", "GTC"], ["recvWindow", RW]]),
        r(data, "hmac-mixed-sorted", "Query and body, each part and both together sorted.",
          query=SORTED_ORDER[:3], body=SORTED_ORDER[3:]),
        r(data, "hmac-query-unsorted", "Query only, in an order no sort gives.",
          query=[["type", "LIMIT"], ["symbol", "LTCBTC"], ["timestamp", TS], ["side", "BUY"],
                 ["quantity", "1"], ["timeInForce", "GTC"], ["price", "0.1"]]),
        r(data, "hmac-space", "A space is %20 (a '+' the server would read as a space too, "
          "but it is other bytes to sign).",
          query=ORDER + [["newClientOrderId", "my order 1"]] + TIMING),
        r(data, "hmac-plus", "A '+' in a value is %2B: sent raw, the server reads a space.",
          query=ORDER + [["newClientOrderId", "1+1=2"]] + TIMING),
        r(data, "hmac-reserved", "Every reserved character, '%' and a space: all encoded.",
          query=ORDER + [["newClientOrderId", RESERVED]] + TIMING),
        r(data, "hmac-reserved-body", "The reserved characters in the form body.",
          body=ORDER + [["newClientOrderId", RESERVED]] + TIMING),
        r(data, "hmac-non-ascii-value", "Non-ASCII text (2-, 3- and 4-byte UTF-8) in a value.",
          method="GET", path="/api/v3/openOrders", query=[["symbol", "ÄÖ€🚀"]] + TIMING),
        r(data, "hmac-non-ascii-body", "Non-ASCII text in a form body value.",
          body=ORDER + [["newClientOrderId", "ordre-été"]] + TIMING),
        r(data, "hmac-non-ascii-name", "Non-ASCII text in a parameter name.",
          method="GET", path="/api/v3/account", query=[["note€", "x"]] + TIMING),
        r(data, "hmac-already-encoded", "Text that looks percent-encoded is encoded again.",
          method="GET", path="/api/v3/openOrders", query=[["symbol", "%EF%BC%91"]] + TIMING),
        r(data, "hmac-long-value", "A 2000-character value: nothing is truncated.",
          query=ORDER + [["newClientOrderId", "0123456789abcdef" * 125]] + TIMING),
        r(data, "hmac-json-array", "An ARRAY OF STRING value: compact JSON, percent-encoded.",
          method="GET", path="/api/v3/account",
          query=[["symbols", ["BTCUSDT", "BNBBTC"]]] + TIMING),
        r(data, "hmac-recvwindow-decimal", "recvWindow with three decimals ('.' is kept).",
          query=ORDER + [["recvWindow", "6000.346"], ["timestamp", TS]]),
        r(data, "hmac-microseconds", "A 16-digit (microsecond) timestamp, signed as digits.",
          query=ORDER + [["recvWindow", RW], ["timestamp", TS + "000"]]),
        r(data, "hmac-other-secret", "Another (test-only) secret: nothing hard-coded.",
          key="test-hmac", query=ORDER + TIMING),
        r(data, "hmac-other-secret-mixed", "Another secret, query and body.",
          key="test-hmac", query=ORDER[:3], body=ORDER[3:] + TIMING),
    ]


def asymmetric_cases(data: dict, key: str, label: str) -> list[dict]:
    ex = {e["id"]: e for e in data["signature_examples"] if e["key_type"] == "Ed25519"}
    ascii_ex, non_ascii = ex["rest-ed25519-ascii"], ex["rest-ed25519-non-ascii"]
    r = rest
    return [
        r(data, f"{label}-docs-ascii", "The docs' Ed25519/RSA example request (timestamp "
          "before recvWindow), signed with a test-only key.", key=key,
          query=ascii_ex["query"], source=ascii_ex["source"]),
        r(data, f"{label}-docs-non-ascii", "The docs' non-ASCII example request.", key=key,
          query=non_ascii["query"], source=non_ascii["source"]),
        r(data, f"{label}-body-only", "Every parameter in the body.", key=key,
          body=ORDER + TIMING),
        r(data, f"{label}-mixed-unsorted", "Query and body, unsorted.", key=key,
          query=[["timestamp", TS], ["symbol", "LTCBTC"], ["side", "BUY"]],
          body=[["type", "LIMIT"], ["quantity", "1"], ["price", "0.1"], ["recvWindow", RW]]),
        r(data, f"{label}-reserved", "Reserved characters and a space.", key=key,
          query=ORDER + [["newClientOrderId", RESERVED]] + TIMING),
        r(data, f"{label}-sorted", "Already sorted, all unreserved.", key=key,
          method="GET", path="/api/v3/account", query=[["recvWindow", RW], ["timestamp", TS]]),
    ]


def ws_cases(data: dict) -> list[dict]:
    api_key = api_key_of(data, DOCS)
    return [
        ws(data, "ws-raw-reserved", "Values are signed raw, even a space, '&' or '='.",
           params=[["symbol", "BTCUSDT"], ["side", "SELL"], ["type", "MARKET"],
                   ["quantity", "1"], ["newClientOrderId", "my order&x=é"],
                   ["timestamp", "1645423376532"], ["apiKey", api_key]]),
        ws(data, "ws-sort-order", "Sorted by code point ('timeInForce' < 'timestamp').",
           method="order.test",
           params=[["type", "LIMIT"], ["timestamp", "1645423376532"], ["timeInForce", "GTC"],
                   ["symbol", "BTCUSDT"], ["side", "BUY"], ["quantity", "1"],
                   ["price", "0.1"], ["recvWindow", "5000"], ["apiKey", api_key]]),
    ]


def broke_on_cases(data: dict, key: str, label: str) -> list[dict]:
    """The vectors users broke on (generate.py's ``BROKE_ON``), REST, signed with ``key``."""
    return [rest(data, f"{label}-{v['name']}", v["about"], key=key, method=v["method"],
                 path=v["path"], query=v["query"], body=v["body"], source=v["source"])
            for v in BROKE_ON]


def broke_on_ws_cases(data: dict) -> list[dict]:
    """The same parameters as the REST case ``hmac-<name>``, on the WebSocket API: raw
    UTF-8, sorted by name, apiKey included."""
    api_key = api_key_of(data, DOCS)
    return [ws(data, f"ws-{v['name']}", f"The parameters of hmac-{v['name']} on the "
               "WebSocket API: signed raw (UTF-8, not percent-encoded), sorted by name, "
               "apiKey included.", params=v["query"] + v["body"] + [["apiKey", api_key]],
               source=v["source"])
            for v in BROKE_ON if v["ws"]]


def build() -> str:
    data = json.loads(DATA.read_text("utf-8"))
    docs = documented(data)
    cases = ([c for c in docs if c["api"] == "rest"] + hmac_cases(data)
             + broke_on_cases(data, DOCS, "hmac")
             + asymmetric_cases(data, "test-ed25519", "ed25519")
             + broke_on_cases(data, "test-ed25519", "ed25519")
             + asymmetric_cases(data, "test-rsa", "rsa")
             + broke_on_cases(data, "test-rsa", "rsa")
             + [c for c in docs if c["api"] == "ws"] + ws_cases(data)
             + broke_on_ws_cases(data))
    names = [c["name"] for c in cases]
    assert len(names) == len(set(names)), f"duplicate case names: {names}"
    corpus = {
        "about": "The conformance corpus (helpers.conformance): signed requests a correct "
                 "signer gets accepted. Written by tests/vectors/generate_conformance.py; "
                 "do not edit by hand.",
        "keys": TEST_KEYS,
        "cases": cases,
    }
    return json.dumps(corpus, indent=1, ensure_ascii=False) + "\n"


def main(argv: list[str]) -> int:
    content = build()
    if "--check" in argv:
        if not CORPUS.exists() or CORPUS.read_text("utf-8") != content:
            print(f"stale or missing: {CORPUS}")
            return 1
        return 0
    CORPUS.write_text(content, "utf-8")
    print(f"wrote {len(json.loads(content)['cases'])} cases to {CORPUS}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
