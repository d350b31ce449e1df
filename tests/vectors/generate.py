#!/usr/bin/env python3
"""Write tests/vectors/*.json: one signing case per file, every intermediate stored.

In the style of botocore's SigV4 test suite: each case is one record holding its inputs
and each stage's output (ordered parameters, query string, body, payload, signature), so
a runner can say *which* stage diverged instead of only "wrong signature".

This script is an independent implementation: it never imports ``helpers``. It uses
``urllib.parse.quote`` with ``safe=""`` (which keeps exactly RFC 3986's unreserved
characters, the set ``helpers.params.percent_encode`` documents; checked below) and HMAC-
SHA256 from ``hmac``, cross-checked with ``openssl dgst -sha256 -hmac`` when ``openssl``
is on the PATH. The docs' keys and vectors are read from ``helpers/data/vectors.json`` as
a plain JSON file; for every documented case the script asserts that its own output
equals the docs' values before writing anything.

    python tests/vectors/generate.py           # (re)write the case files
    python tests/vectors/generate.py --check   # exit 1 if a file is missing or stale
"""

import hashlib
import hmac
import json
import shutil
import subprocess
import sys
import urllib.parse
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = HERE.parent.parent / "helpers" / "data" / "vectors.json"

# RFC 3986 section 2.3: the only characters Binance's percent-encoding leaves as they are.
UNRESERVED = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~"
for _code in range(128):
    _kept = urllib.parse.quote(chr(_code), safe="") == chr(_code)
    assert _kept == (chr(_code) in UNRESERVED), f"quote() and RFC 3986 disagree on {chr(_code)!r}"

# Values shared by the pitfall cases (the docs' REST example's timing).
TS = "1499827319559"
RW = "5000"
KEY = "docs-hmac"


# --- the independent implementation ----------------------------------------------------


def text(value: object) -> str:
    """A value's text: str as is; a list of str as Binance's compact JSON array."""
    if isinstance(value, list):
        return json.dumps(value, separators=(",", ":"), ensure_ascii=False)
    assert isinstance(value, str) and value, f"case values are non-empty str or lists: {value!r}"
    return value


def encode(pairs: list) -> str:
    """REST: name=value, each percent-encoded as UTF-8, joined with '&', order kept."""
    quote = urllib.parse.quote
    return "&".join(f"{quote(n, safe='')}={quote(text(v), safe='')}" for n, v in pairs)


def hmac_hex(secret: str, payload: str) -> str:
    """HMAC-SHA256 as hex, checked against openssl when it is installed."""
    ours = hmac.new(secret.encode(), payload.encode("utf-8"), hashlib.sha256).hexdigest()
    if shutil.which("openssl"):
        out = subprocess.run(
            ["openssl", "dgst", "-sha256", "-hmac", secret],
            input=payload.encode("utf-8"),
            capture_output=True,
            check=True,
        ).stdout.decode()
        theirs = out.strip().rsplit("= ", 1)[-1]
        assert theirs == ours, f"openssl and hmac disagree: {theirs} != {ours}"
    return ours


def rest_case(data: dict, case_id: str, about: str, *, method: str, path: str, query: list,
              body: list = (), key: str | None = KEY, signed: bool = True, source=None) -> dict:
    query, body = [list(p) for p in query], [list(p) for p in body]
    query_string, body_text = encode(query), encode(body)
    payload = query_string + body_text  # no separator
    secret = secret_of(data, key) if signed else None
    return {
        "id": case_id,
        "description": about,
        "source": source,
        "api": "rest",
        "inputs": {"key": key, "method": method, "path": path, "query": query, "body": body},
        "ordered_params": [[n, text(v)] for n, v in query + body],
        "query_string": query_string,
        "body": body_text,
        "payload": payload,
        "signature": hmac_hex(secret, payload) if signed else None,
    }


def ws_case(data: dict, case_id: str, about: str, *, method: str, params: list,
            key: str = KEY, source=None) -> dict:
    params = [list(p) for p in params]
    ordered = sorted(([n, text(v)] for n, v in params if n != "signature"), key=lambda p: p[0])
    payload = "&".join(f"{n}={v}" for n, v in ordered)  # raw UTF-8, no percent-encoding
    return {
        "id": case_id,
        "description": about,
        "source": source,
        "api": "ws",
        "inputs": {"key": key, "method": method, "params": params},
        "ordered_params": ordered,
        "payload": payload,
        "signature": hmac_hex(secret_of(data, key), payload),
    }


def secret_of(data: dict, key_id: str) -> str:
    return next(k["secret"] for k in data["keys"] if k["id"] == key_id)


def api_key_of(data: dict, key_id: str) -> str:
    return next(k["api_key"] for k in data["keys"] if k["id"] == key_id)


# --- the cases -------------------------------------------------------------------------


def documented(data: dict) -> list[dict]:
    """One case per documented vector, each checked against the docs' values."""
    cases = []
    for v in data["vectors"]:
        about = f"Binance's documented vector {v['id']} ({v['source']['file']})."
        if v["api"] == "rest":
            case = rest_case(data, v["id"], about, method=v["method"], path=v["path"],
                             query=v["query"], body=v["body"], key=v["key"], source=v["source"])
            stages = {"query_string": "query_string", "body": "body_text", "payload": "payload",
                      "signature": "signature"}
        else:
            case = ws_case(data, v["id"], about, method=v["method"], params=v["params"],
                           key=v["key"], source=v["source"])
            stages = {"payload": "payload", "signature": "signature"}
        for ours, theirs in stages.items():
            assert case[ours] == v[theirs], f"{v['id']}: {ours} {case[ours]!r} != {v[theirs]!r}"
        cases.append(case)
    for v in data["signature_examples"]:
        if v["key_type"] != "RSA":  # the Ed25519 section signs the very same payloads
            continue
        about = (f"Binance's documented RSA example {v['id']}: the payload only (no key is "
                 "published, so the signature is not reproducible; the Ed25519 section signs "
                 "the same payload). Note timestamp before recvWindow, as the docs send it.")
        case = rest_case(data, v["id"], about, method=v["method"], path=v["path"],
                         query=v["query"], body=v["body"], key=None, signed=False,
                         source=v["source"])
        assert case["payload"] == v["payload"], f"{v['id']}: payload differs from the docs'"
        cases.append(case)
    return cases


ORDER = [["symbol", "LTCBTC"], ["side", "BUY"], ["type", "LIMIT"], ["timeInForce", "GTC"],
         ["quantity", "1"], ["price", "0.1"]]
TIMING = [["recvWindow", RW], ["timestamp", TS]]


def pitfalls(data: dict) -> list[dict]:
    """Named cases for the mistakes the kit teaches; expected values computed here."""
    rest, ws = rest_case, ws_case
    api_key = api_key_of(data, KEY)
    return [
        rest(data, "get-space", "A space is %20, never '+' (form encoding's '+' signs other "
             "bytes than the server reads).", method="GET", path="/api/v3/order",
             query=[["symbol", "LTCBTC"], ["origClientOrderId", "my order 1"]] + TIMING),
        rest(data, "get-utf8", "Non-ASCII text is signed as its percent-encoded UTF-8 bytes "
             "(2-, 3- and 4-byte sequences).", method="GET", path="/api/v3/openOrders",
             query=[["symbol", "ÄÖ€🚀"]] + TIMING),
        rest(data, "get-timestamp-only", "The smallest signed request: timestamp alone.",
             method="GET", path="/api/v3/account", query=[["timestamp", TS]]),
        rest(data, "post-body-only", "Every parameter in the form body: the payload is the "
             "body, so the signature equals the all-query one (same bytes, same signature).",
             method="POST", path="/api/v3/order", query=[], body=ORDER + TIMING),
        rest(data, "mixed-unsorted", "Query and body in no particular order: the payload keeps "
             "the order sent (nothing is sorted on REST) and joins the parts without '&'.",
             method="POST", path="/api/v3/order",
             query=[["timestamp", TS], ["symbol", "LTCBTC"], ["side", "BUY"]],
             body=[["type", "LIMIT"], ["quantity", "1"], ["price", "0.1"],
                   ["timeInForce", "GTC"], ["recvWindow", RW]]),
        rest(data, "delete-query", "DELETE with every parameter in the query string.",
             method="DELETE", path="/api/v3/order",
             query=[["symbol", "LTCBTC"], ["orderId", "4"]] + TIMING),
        rest(data, "reserved-chars", "Reserved characters (+ / = & % space ...) are encoded; "
             "only RFC 3986's unreserved - _ . ~ stay as they are.", method="POST",
             path="/api/v3/order",
             query=ORDER + [["newClientOrderId", "a+b/c=d&e%f~g-h_i.j k:l?m#n"]] + TIMING),
        rest(data, "already-encoded", "Text that looks percent-encoded is encoded again "
             "('%' -> '%25'): encode once, at the end, never by hand before.", method="GET",
             path="/api/v3/openOrders", query=[["symbol", "%EF%BC%91"]] + TIMING),
        rest(data, "json-array-value", "An ARRAY OF STRING value is compact JSON, then "
             "percent-encoded like any text (quotes, brackets and comma included). The "
             "format is rest-api.md → Public API Endpoints → General endpoints → Exchange "
             "information (symbols).", method="GET", path="/api/v3/exchangeInfo",
             query=[["symbols", ["BTCUSDT", "BNBBTC"]]] + TIMING),
        rest(data, "long-value", "A 2000-character value: nothing is truncated and HMAC "
             "covers every block.", method="POST", path="/api/v3/order",
             query=ORDER + [["newClientOrderId", "0123456789abcdef" * 125]] + TIMING),
        rest(data, "timestamp-microseconds", "A microsecond timestamp (16 digits) is signed "
             "as its digits, like any value.", method="POST", path="/api/v3/order",
             query=ORDER + [["recvWindow", RW], ["timestamp", TS + "000"]]),
        rest(data, "recvwindow-decimal", "recvWindow with three decimals (the docs' "
             "6000.346): the '.' is unreserved and kept.", method="POST", path="/api/v3/order",
             query=ORDER + [["recvWindow", "6000.346"], ["timestamp", TS]]),
        ws(data, "ws-raw-reserved", "WebSocket API: values are signed raw (no percent-"
           "encoding), even a space, '&' or '=' inside a value; params sorted by name.",
           method="order.place",
           params=[["symbol", "BTCUSDT"], ["side", "SELL"], ["type", "MARKET"],
                   ["quantity", "1"], ["newClientOrderId", "my order&x=é"],
                   ["timestamp", "1645423376532"], ["apiKey", api_key]]),
        ws(data, "ws-sort-order", "WebSocket API: sorted by code point, so uppercase sorts "
           "before lowercase ('timeInForce' < 'timestamp', 'Z' < 'a').", method="order.place",
           params=[["type", "LIMIT"], ["timestamp", "1645423376532"], ["timeInForce", "GTC"],
                   ["symbol", "BTCUSDT"], ["side", "BUY"], ["quantity", "1"],
                   ["price", "0.1"], ["recvWindow", "5000"], ["apiKey", api_key]]),
    ]


# --- the vectors users broke on (issue 27), shared with generate_conformance.py --------

# The symbol of 2025's wave of -1022 reports: 3-byte UTF-8 characters, signed raw by
# signers that only ever met ASCII. Observed (users' reports), not a documented vector.
BINANCE_LIFE = "币安人生USDT"
# The Spot Testnet's Unicode symbol, added "for testing endpoints/methods with a Unicode
# symbol" (CHANGELOG.md → 2025-12-18).
TESTNET_SYMBOL = "这是测试币456"
TESTNET_SOURCE = {"file": "CHANGELOG.md", "heading": "2025-12-18",
                  "note": "Assets 这是测试币 and 456 and symbol 这是测试币456 added to the "
                          "SPOT Testnet for testing endpoints/methods with a Unicode symbol."}
# '@ + * / = ~ %' and a space in one value: all but '~' (unreserved) are percent-encoded.
SPECIALS = "me@bot+1*2/3=4~5%6 x"
# A batchOrders list (USDⓈ-M Futures' POST /fapi/v1/batchOrders takes one): its compact
# JSON text is the value, percent-encoded like any other.
BATCH_ORDERS = json.dumps([
    {"symbol": "BTCUSDT", "side": "BUY", "type": "LIMIT", "timeInForce": "GTC",
     "quantity": "0.001", "price": "10000.5"},
    {"symbol": BINANCE_LIFE, "side": "SELL", "type": "MARKET", "quantity": "100"},
], separators=(",", ":"), ensure_ascii=False)

# name, description, REST request (method, path, query, body), source, and whether the
# same parameters are also a WebSocket API case (order.place, apiKey added).
BROKE_ON = [
    {"name": "binance-life-usdt", "ws": True, "source": None,
     "about": "Observed: the 2025 wave of -1022 on the symbol 币安人生USDT. Each Chinese "
              "character is 3 UTF-8 bytes, percent-encoded (uppercase hex) before signing; "
              "a signer tested on ASCII symbols signs them raw.",
     "method": "POST", "path": "/api/v3/order",
     "query": [["symbol", BINANCE_LIFE], ["side", "BUY"], ["type", "MARKET"],
               ["quantity", "100"], ["recvWindow", RW], ["timestamp", TS]],
     "body": []},
    {"name": "testnet-symbol", "ws": True, "source": TESTNET_SOURCE,
     "about": "The Spot Testnet's Unicode symbol 这是测试币456 (CHANGELOG.md, 2025-12-18), "
              "in a form body: Chinese characters then ASCII digits, percent-encoded as UTF-8.",
     "method": "POST", "path": "/api/v3/order", "query": [],
     "body": [["symbol", TESTNET_SYMBOL], ["side", "SELL"], ["type", "LIMIT"],
              ["timeInForce", "GTC"], ["quantity", "1"], ["price", "0.1"],
              ["recvWindow", RW], ["timestamp", TS]]},
    {"name": "special-values", "ws": False, "source": None,
     "about": "Observed: '@ + * / = ~ %' and a space in a value (an e-mail-like client order "
              "id). Each is %XX but '~', which RFC 3986 leaves unreserved; a raw '+' the "
              "server reads as a space, a raw '=' or '%' breaks the parameter.",
     "method": "POST", "path": "/api/v3/order", "query": [],
     "body": ORDER + [["newClientOrderId", SPECIALS]] + TIMING},
    {"name": "batch-orders", "ws": False, "source": None,
     "about": "Observed: a batchOrders list of orders (USDⓈ-M Futures' POST "
              "/fapi/v1/batchOrders takes one; here sent to the Spot order test endpoint, "
              "the signing is the same). The value is the list's compact JSON text, one "
              "order with a non-ASCII symbol, percent-encoded like any value.",
     "method": "POST", "path": "/api/v3/order/test",
     "query": [["batchOrders", BATCH_ORDERS], ["recvWindow", RW], ["timestamp", TS]],
     "body": []},
]


def broke_on(data: dict) -> list[dict]:
    """The vectors users broke on: each REST case, and the WebSocket API case for the same
    parameters where there is one (raw UTF-8, sorted, apiKey included)."""
    api_key = api_key_of(data, KEY)
    cases = []
    for v in BROKE_ON:
        cases.append(rest_case(data, v["name"], v["about"], method=v["method"],
                               path=v["path"], query=v["query"], body=v["body"],
                               source=v["source"]))
        if v["ws"]:
            cases.append(ws_case(data, "ws-" + v["name"], "WebSocket API, the same parameters "
                                 "as " + v["name"] + ": signed raw (UTF-8, not percent-"
                                 "encoded), sorted by name, apiKey included.",
                                 method="order.place",
                                 params=v["query"] + v["body"] + [["apiKey", api_key]],
                                 source=v["source"]))
    return cases


def render(value: object, indent: int = 0) -> str:
    """JSON text, one key per line and one [name, value] pair per line (easy to read)."""
    pad = " " * (indent + 1)
    if isinstance(value, dict):
        items = [f"{pad}{json.dumps(k)}: {render(v, indent + 1)}" for k, v in value.items()]
        return "{\n" + ",\n".join(items) + "\n" + " " * indent + "}"
    if isinstance(value, list) and value and all(isinstance(p, list) for p in value):
        items = [pad + json.dumps(p, ensure_ascii=False) for p in value]
        return "[\n" + ",\n".join(items) + "\n" + " " * indent + "]"
    return json.dumps(value, ensure_ascii=False)


def build() -> dict[str, str]:
    data = json.loads(DATA.read_text("utf-8"))
    cases = documented(data) + pitfalls(data) + broke_on(data)
    ids = [c["id"] for c in cases]
    assert len(ids) == len(set(ids)), f"duplicate case ids: {ids}"
    return {f"{c['id']}.json": render(c) + "\n" for c in cases}


def main(argv: list[str]) -> int:
    files = build()
    on_disk = {p.name for p in HERE.glob("*.json")}
    if "--check" in argv:
        stale = [n for n, t in files.items()
                 if n not in on_disk or (HERE / n).read_text("utf-8") != t]
        extra = sorted(on_disk - set(files))
        for name in stale:
            print(f"stale or missing: tests/vectors/{name}")
        for name in extra:
            print(f"not produced by the generator: tests/vectors/{name}")
        return 1 if stale or extra else 0
    for name in on_disk - set(files):
        (HERE / name).unlink()
    for name, content in files.items():
        (HERE / name).write_text(content, "utf-8")
    print(f"wrote {len(files)} cases to {HERE}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
