"""The pitfall registry: each way a signed request goes wrong, written as people write it.

One list feeds notebook 04, the tests, and later the signature doctor and notebook 08.
Every pitfall holds two short functions: ``wrong`` — the broken code, as it is found in
blog posts and forum answers — and ``right`` — the fix. Both really send their request
(to the local exchange, or any base URL in ``Context``) and return the payload they
signed with the server's response, so a notebook can put *what was signed* next to
*what the server received*, and show the verdict.
``expected`` is the verdict the wrong way earns: a Binance error code, or ``0`` where the
"mistake" is in fact accepted (a myth worth busting).

The functions use ``requests``, ``hmac`` and ``urllib`` directly, on purpose: that is the
code learners have in front of them. Notebooks show their source with
``inspect.getsource``.
"""

import base64
import hashlib
import hmac
import html
import inspect
import json
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass

import requests

from helpers.compare import Comparison, compare
from helpers.examples import EXAMPLE_API_KEY, EXAMPLE_SECRET_KEY, EXAMPLE_TIMESTAMP
from helpers.request import Reply, send, sign_request

__all__ = [
    "PITFALLS",
    "Context",
    "Demonstration",
    "Outcome",
    "Pitfall",
    "attempt",
    "by_name",
    "catalogue",
    "demonstrate",
]


@dataclass(frozen=True)
class Context:
    """Where and with what the pitfalls send their requests. Time is pinned, not read."""

    base_url: str
    api_key: str = EXAMPLE_API_KEY
    secret: str = EXAMPLE_SECRET_KEY
    timestamp: int = EXAMPLE_TIMESTAMP

    def __repr__(self) -> str:  # never show a secret, even an example one, in a repr
        return f"Context(base_url={self.base_url!r})"


@dataclass(frozen=True)
class Pitfall:
    """One named pitfall: the broken code, its verdict, and the fix."""

    name: str  # unique, kebab-case
    code: str  # the signature doctor's finding code for this mistake
    title: str
    why: str  # what goes wrong, in plain words
    fix: str  # what to do instead
    wrong: Callable[[Context], tuple[str, object]]  # -> (payload signed, response)
    right: Callable[[Context], tuple[str, object]]
    expected: int  # Binance's error code for the wrong way; 0 means accepted


# --- the seed article: `&timestamp` eaten by HTML entity decoding --------------------


def mojibake_sent_as_signed(ctx):
    # The article's line after a browser decoded "&times" into "×": "&timestamp" is gone.
    query = "symbol=LTCBTC" + "×tamp=" + str(ctx.timestamp)
    signature = hmac.new(ctx.secret.encode(), query.encode(), hashlib.sha256).hexdigest()
    response = requests.get(
        f"{ctx.base_url}/api/v3/openOrders?{query}&signature={signature}",
        headers={"X-MBX-APIKEY": ctx.api_key},
    )
    return query, response


def mojibake_signed_sent_clean(ctx):
    # The signing code was pasted from the article; the URL was typed by hand.
    signed = "symbol=LTCBTC" + "×tamp=" + str(ctx.timestamp)
    signature = hmac.new(ctx.secret.encode(), signed.encode(), hashlib.sha256).hexdigest()
    sent = "symbol=LTCBTC&timestamp=" + str(ctx.timestamp)
    response = requests.get(
        f"{ctx.base_url}/api/v3/openOrders?{sent}&signature={signature}",
        headers={"X-MBX-APIKEY": ctx.api_key},
    )
    return signed, response


def open_orders_right(ctx):
    signed = sign_request(
        "GET", "/api/v3/openOrders", {"symbol": "LTCBTC"},
        api_key=ctx.api_key, secret=ctx.secret, timestamp=ctx.timestamp,
    )
    response = send(signed, ctx.base_url)
    return signed.payload, response


# --- encoding -------------------------------------------------------------------------


def non_ascii_signed_raw(ctx):
    params = {"symbol": "１２３４５６", "side": "BUY", "type": "MARKET", "quantity": "1",
              "timestamp": ctx.timestamp}
    payload = "&".join(f"{k}={v}" for k, v in params.items())  # not percent-encoded
    signature = hmac.new(ctx.secret.encode(), payload.encode(), hashlib.sha256).hexdigest()
    response = requests.post(
        f"{ctx.base_url}/api/v3/order/test",
        params={**params, "signature": signature},  # requests percent-encodes the symbol
        headers={"X-MBX-APIKEY": ctx.api_key},
    )
    return payload, response


def non_ascii_right(ctx):
    params = {"symbol": "１２３４５６", "side": "BUY", "type": "MARKET", "quantity": "1"}
    signed = sign_request(
        "POST", "/api/v3/order/test", params,
        api_key=ctx.api_key, secret=ctx.secret, timestamp=ctx.timestamp,
    )
    response = send(signed, ctx.base_url)
    return signed.payload, response


def space_signed_as_percent20_sent_as_plus(ctx):
    params = {"symbol": "BTCUSDT", "side": "BUY", "type": "MARKET", "quantity": "1",
              "newClientOrderId": "my order 1", "timestamp": ctx.timestamp}
    payload = urllib.parse.urlencode(params, quote_via=urllib.parse.quote)  # space -> %20
    signature = hmac.new(ctx.secret.encode(), payload.encode(), hashlib.sha256).hexdigest()
    response = requests.post(
        f"{ctx.base_url}/api/v3/order/test",
        data={**params, "signature": signature},  # requests form-encodes space as +
        headers={"X-MBX-APIKEY": ctx.api_key},
    )
    return payload, response


def space_right(ctx):
    params = {"symbol": "BTCUSDT", "side": "BUY", "type": "MARKET", "quantity": "1",
              "newClientOrderId": "my order 1", "timestamp": ctx.timestamp}
    body = urllib.parse.urlencode(params)  # build the bytes once: space -> +
    signature = hmac.new(ctx.secret.encode(), body.encode(), hashlib.sha256).hexdigest()
    response = requests.post(
        f"{ctx.base_url}/api/v3/order/test",
        data=f"{body}&signature={signature}",  # send exactly the bytes signed
        headers={"X-MBX-APIKEY": ctx.api_key, "Content-Type": "application/x-www-form-urlencoded"},
    )
    return body, response


def double_encoded(ctx):
    params = {"symbol": "LTCBTC", "newClientOrderId": "bot/42", "timestamp": ctx.timestamp}
    encoded = {k: urllib.parse.quote(str(v), safe="") for k, v in params.items()}
    payload = "&".join(f"{k}={v}" for k, v in encoded.items())  # bot%2F42
    signature = hmac.new(ctx.secret.encode(), payload.encode(), hashlib.sha256).hexdigest()
    response = requests.get(
        f"{ctx.base_url}/api/v3/openOrders",
        params={**encoded, "signature": signature},  # requests encodes again: bot%252F42
        headers={"X-MBX-APIKEY": ctx.api_key},
    )
    return payload, response


def double_encoded_right(ctx):
    signed = sign_request(
        "GET", "/api/v3/openOrders", {"symbol": "LTCBTC", "newClientOrderId": "bot/42"},
        api_key=ctx.api_key, secret=ctx.secret, timestamp=ctx.timestamp,
    )
    response = send(signed, ctx.base_url)
    return signed.payload, response


def url_normalized_after_signing(ctx):
    # Java's URLEncoder and other older encoders escape "~" as %7E.
    query = f"symbol=LTCBTC&newClientOrderId=bot%7E42&timestamp={ctx.timestamp}"
    signature = hmac.new(ctx.secret.encode(), query.encode(), hashlib.sha256).hexdigest()
    response = requests.get(  # requests "normalises" %7E to ~ before sending
        f"{ctx.base_url}/api/v3/openOrders?{query}&signature={signature}",
        headers={"X-MBX-APIKEY": ctx.api_key},
    )
    return query, response


def url_normalized_right(ctx):
    signed = sign_request(  # RFC 3986: "~" is unreserved, so never %7E
        "GET", "/api/v3/openOrders", {"symbol": "LTCBTC", "newClientOrderId": "bot~42"},
        api_key=ctx.api_key, secret=ctx.secret, timestamp=ctx.timestamp,
    )
    response = send(signed, ctx.base_url)  # send() puts the signed URL on the wire unchanged
    return signed.payload, response


# --- order and shape of the payload ---------------------------------------------------


def params_reordered(ctx):
    params = {"symbol": "BTCUSDT", "side": "SELL", "type": "MARKET", "quantity": "1"}
    payload = urllib.parse.urlencode({**params, "timestamp": ctx.timestamp})
    signature = hmac.new(ctx.secret.encode(), payload.encode(), hashlib.sha256).hexdigest()
    response = requests.post(
        f"{ctx.base_url}/api/v3/order/test",
        params={"timestamp": ctx.timestamp, **params, "signature": signature},  # timestamp first
        headers={"X-MBX-APIKEY": ctx.api_key},
    )
    return payload, response


def ws_sorted_payload_on_rest(ctx):
    params = {"symbol": "BTCUSDT", "side": "SELL", "type": "MARKET", "quantity": "1",
              "timestamp": ctx.timestamp}
    payload = "&".join(f"{k}={params[k]}" for k in sorted(params))  # the WebSocket API's rule
    signature = hmac.new(ctx.secret.encode(), payload.encode(), hashlib.sha256).hexdigest()
    response = requests.post(
        f"{ctx.base_url}/api/v3/order/test",
        params={**params, "signature": signature},  # sent in insertion order
        headers={"X-MBX-APIKEY": ctx.api_key},
    )
    return payload, response


def order_test_right(ctx):
    signed = sign_request(
        "POST", "/api/v3/order/test",
        {"symbol": "BTCUSDT", "side": "SELL", "type": "MARKET", "quantity": "1"},
        api_key=ctx.api_key, secret=ctx.secret, timestamp=ctx.timestamp,
    )
    response = send(signed, ctx.base_url)
    return signed.payload, response


def query_body_joined_with_ampersand(ctx):
    query = "symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC"
    body = f"quantity=1&price=0.1&recvWindow=5000&timestamp={ctx.timestamp}"
    payload = query + "&" + body  # looks tidy; Binance concatenates with no separator
    signature = hmac.new(ctx.secret.encode(), payload.encode(), hashlib.sha256).hexdigest()
    response = requests.post(
        f"{ctx.base_url}/api/v3/order/test?{query}",
        data=f"{body}&signature={signature}",
        headers={"X-MBX-APIKEY": ctx.api_key, "Content-Type": "application/x-www-form-urlencoded"},
    )
    return payload, response


def mixed_right(ctx):
    signed = sign_request(
        "POST", "/api/v3/order/test",
        {"symbol": "LTCBTC", "side": "BUY", "type": "LIMIT", "timeInForce": "GTC"},
        body_params={"quantity": "1", "price": "0.1"}, recv_window=5000,
        api_key=ctx.api_key, secret=ctx.secret, timestamp=ctx.timestamp,
    )
    response = send(signed, ctx.base_url)
    return signed.payload, response


def signature_in_payload(ctx):
    params = {"symbol": "LTCBTC", "timestamp": ctx.timestamp, "signature": ""}  # filled below
    payload = urllib.parse.urlencode(params)  # ends with "&signature="
    params["signature"] = hmac.new(
        ctx.secret.encode(), payload.encode(), hashlib.sha256
    ).hexdigest()
    response = requests.get(
        f"{ctx.base_url}/api/v3/openOrders", params=params, headers={"X-MBX-APIKEY": ctx.api_key}
    )
    return payload, response


def json_body(ctx):
    order = {"symbol": "BTCUSDT", "side": "BUY", "type": "MARKET", "quantity": "1",
             "timestamp": ctx.timestamp}
    payload = json.dumps(order)  # "formatted as JSON if it's a POST request"
    signature = hmac.new(ctx.secret.encode(), payload.encode(), hashlib.sha256).hexdigest()
    response = requests.post(
        f"{ctx.base_url}/api/v3/order/test",
        json={**order, "signature": signature},
        headers={"X-MBX-APIKEY": ctx.api_key},
    )
    return payload, response


def json_body_right(ctx):
    signed = sign_request(
        "POST", "/api/v3/order/test", (),
        body_params={"symbol": "BTCUSDT", "side": "BUY", "type": "MARKET", "quantity": "1"},
        api_key=ctx.api_key, secret=ctx.secret, timestamp=ctx.timestamp,
    )
    response = send(signed, ctx.base_url)  # form-encoded body, as the docs require
    return signed.payload, response


# --- values ---------------------------------------------------------------------------


def float_exponent(ctx):
    quantity = 0.00001
    payload = f"symbol=BTCUSDT&side=BUY&type=MARKET&quantity={quantity}&timestamp={ctx.timestamp}"
    signature = hmac.new(ctx.secret.encode(), payload.encode(), hashlib.sha256).hexdigest()
    response = requests.post(  # the signature is fine; the value Binance receives is "1e-05"
        f"{ctx.base_url}/api/v3/order/test",
        data=f"{payload}&signature={signature}",
        headers={"X-MBX-APIKEY": ctx.api_key, "Content-Type": "application/x-www-form-urlencoded"},
    )
    return payload, response


def float_right(ctx):
    from decimal import Decimal

    signed = sign_request(
        "POST", "/api/v3/order/test",
        {"symbol": "BTCUSDT", "side": "BUY", "type": "MARKET", "quantity": Decimal("0.00001")},
        api_key=ctx.api_key, secret=ctx.secret, timestamp=ctx.timestamp,
    )
    response = send(signed, ctx.base_url)
    return signed.payload, response


def bool_capitalized(ctx):
    params = {"symbol": "BTCUSDT", "side": "BUY", "type": "MARKET", "quantity": "1",
              "computeCommissionRates": True, "timestamp": ctx.timestamp}
    payload = urllib.parse.urlencode(
        {k: json.dumps(v) if isinstance(v, bool) else v for k, v in params.items()}
    )  # signs "true"
    signature = hmac.new(ctx.secret.encode(), payload.encode(), hashlib.sha256).hexdigest()
    response = requests.post(
        f"{ctx.base_url}/api/v3/order/test",
        params={**params, "signature": signature},  # requests sends str(True): "True"
        headers={"X-MBX-APIKEY": ctx.api_key},
    )
    return payload, response


def bool_right(ctx):
    signed = sign_request(
        "POST", "/api/v3/order/test",
        {"symbol": "BTCUSDT", "side": "BUY", "type": "MARKET", "quantity": "1",
         "computeCommissionRates": "true"},  # the text the docs show
        api_key=ctx.api_key, secret=ctx.secret, timestamp=ctx.timestamp,
    )
    response = send(signed, ctx.base_url)
    return signed.payload, response


def json_array_as_repeated_keys(ctx):
    symbols = ["BTCUSDT", "BNBBTC"]
    payload = f"symbols={json.dumps(symbols)}&timestamp={ctx.timestamp}"  # JSON, unencoded
    signature = hmac.new(ctx.secret.encode(), payload.encode(), hashlib.sha256).hexdigest()
    response = requests.get(
        f"{ctx.base_url}/api/v3/account",
        params={"symbols": symbols, "timestamp": ctx.timestamp, "signature": signature},
        headers={"X-MBX-APIKEY": ctx.api_key},  # requests sends symbols=BTCUSDT&symbols=BNBBTC
    )
    return payload, response


def json_array_right(ctx):
    signed = sign_request(  # a list becomes compact JSON, then percent-encoded
        "GET", "/api/v3/account", {"symbols": ["BTCUSDT", "BNBBTC"]},
        api_key=ctx.api_key, secret=ctx.secret, timestamp=ctx.timestamp,
    )
    response = send(signed, ctx.base_url)
    return signed.payload, response


# --- bytes around the payload and the key ---------------------------------------------


def trailing_newline(ctx):
    query = f"symbol=LTCBTC&timestamp={ctx.timestamp}"
    payload = query + "\n"  # what `echo "$QUERY" | openssl dgst ...` signs: echo adds \n
    signature = hmac.new(ctx.secret.encode(), payload.encode(), hashlib.sha256).hexdigest()
    response = requests.get(
        f"{ctx.base_url}/api/v3/openOrders?{query}&signature={signature}",
        headers={"X-MBX-APIKEY": ctx.api_key},
    )
    return payload, response


def secret_with_newline(ctx):
    secret = ctx.secret + "\n"  # read with open("secret.txt").read(): the file ends in \n
    query = f"symbol=LTCBTC&timestamp={ctx.timestamp}"
    signature = hmac.new(secret.encode(), query.encode(), hashlib.sha256).hexdigest()
    response = requests.get(
        f"{ctx.base_url}/api/v3/openOrders?{query}&signature={signature}",
        headers={"X-MBX-APIKEY": ctx.api_key},
    )
    return query, response


def api_key_in_payload(ctx):
    # The seed article: the key is signed into the query string, and no header is sent.
    query = "api_key=" + ctx.api_key + "&timestamp=" + str(ctx.timestamp)
    signature = hmac.new(ctx.secret.encode(), query.encode(), hashlib.sha256).hexdigest()
    response = requests.get(f"{ctx.base_url}/api/v3/account?{query}&signature={signature}")
    return query, response


def account_right(ctx):
    signed = sign_request(  # the key goes in the X-MBX-APIKEY header
        "GET", "/api/v3/account", (),
        api_key=ctx.api_key, secret=ctx.secret, timestamp=ctx.timestamp,
    )
    response = send(signed, ctx.base_url)
    return signed.payload, response


def timestamp_in_seconds(ctx):
    timestamp = ctx.timestamp // 1000  # int(time.time()), or Ruby's Time.now.to_i
    query = f"timestamp={timestamp}"
    signature = hmac.new(ctx.secret.encode(), query.encode(), hashlib.sha256).hexdigest()
    response = requests.get(
        f"{ctx.base_url}/api/v3/account?{query}&signature={signature}",
        headers={"X-MBX-APIKEY": ctx.api_key},
    )
    return query, response


# --- the key, the construction, the form of the signature -----------------------------


def secret_base64_decoded(ctx):
    key = base64.urlsafe_b64decode(ctx.secret)  # the seed article's Ruby decodes the secret
    query = f"timestamp={ctx.timestamp}"
    signature = hmac.new(key, query.encode(), hashlib.sha256).hexdigest()
    response = requests.get(
        f"{ctx.base_url}/api/v3/account?{query}&signature={signature}",
        headers={"X-MBX-APIKEY": ctx.api_key},
    )
    return query, response


def api_key_as_secret(ctx):
    query = f"timestamp={ctx.timestamp}"
    signature = hmac.new(ctx.api_key.encode(), query.encode(), hashlib.sha256).hexdigest()
    response = requests.get(
        f"{ctx.base_url}/api/v3/account?{query}&signature={signature}",
        headers={"X-MBX-APIKEY": ctx.api_key},
    )
    return query, response


def secret_concatenated(ctx):
    query = f"timestamp={ctx.timestamp}"
    # The seed article: "concatenate it with your secret key and then generate the ... hash"
    signature = hashlib.sha256((query + ctx.secret).encode()).hexdigest()
    response = requests.get(
        f"{ctx.base_url}/api/v3/account?{query}&signature={signature}",
        headers={"X-MBX-APIKEY": ctx.api_key},
    )
    return query, response


def signature_in_base64(ctx):
    query = f"timestamp={ctx.timestamp}"
    raw = hmac.new(ctx.secret.encode(), query.encode(), hashlib.sha256).digest()  # Java's doFinal
    signature = urllib.parse.quote(base64.b64encode(raw).decode(), safe="")
    response = requests.get(
        f"{ctx.base_url}/api/v3/account?{query}&signature={signature}",
        headers={"X-MBX-APIKEY": ctx.api_key},
    )
    return query, response


def signature_in_header(ctx):
    query = f"timestamp={ctx.timestamp}"
    signature = hmac.new(ctx.secret.encode(), query.encode(), hashlib.sha256).hexdigest()
    response = requests.get(  # the seed article: "signature ... in your request headers"
        f"{ctx.base_url}/api/v3/account?{query}",
        headers={"X-MBX-APIKEY": ctx.api_key, "X-MBX-SIGNATURE": signature},
    )
    return query, response


def form_body_without_content_type(ctx):
    body = f"symbol=BTCUSDT&side=SELL&type=MARKET&quantity=1&timestamp={ctx.timestamp}"
    signature = hmac.new(ctx.secret.encode(), body.encode(), hashlib.sha256).hexdigest()
    response = requests.post(  # a str body: requests sends no Content-Type with it
        f"{ctx.base_url}/api/v3/order/test",
        data=f"{body}&signature={signature}",
        headers={"X-MBX-APIKEY": ctx.api_key},
    )
    return body, response


def clock_behind(ctx):
    timestamp = ctx.timestamp - 6000  # a clock 6 s slow, or a request that waited 6 s
    query = f"timestamp={timestamp}"
    signature = hmac.new(ctx.secret.encode(), query.encode(), hashlib.sha256).hexdigest()
    response = requests.get(
        f"{ctx.base_url}/api/v3/account?{query}&signature={signature}",
        headers={"X-MBX-APIKEY": ctx.api_key},
    )
    return query, response


def uppercase_hex(ctx):
    query = f"timestamp={ctx.timestamp}"
    signature = hmac.new(ctx.secret.encode(), query.encode(), hashlib.sha256).hexdigest().upper()
    response = requests.get(
        f"{ctx.base_url}/api/v3/account?{query}&signature={signature}",
        headers={"X-MBX-APIKEY": ctx.api_key},
    )
    return query, response


PITFALLS = (
    Pitfall(
        "mojibake-sent-as-signed", "HTML_ENTITY_MOJIBAKE",
        "`&timestamp` eaten by HTML entity decoding, sent as signed",
        "A page decoded `&times` into `×`, so `symbol=LTCBTC&timestamp=...` became "
        "`symbol=LTCBTC×tamp=...`: one parameter, `symbol`, whose value runs on, and no "
        "`timestamp` at all.",
        "Build the string from parameters, not from text copied off a web page.",
        mojibake_sent_as_signed, open_orders_right, -1102,
    ),
    Pitfall(
        "mojibake-signed-sent-clean", "HTML_ENTITY_MOJIBAKE",
        "`&timestamp` eaten by HTML entity decoding, only where it was signed",
        "The URL is right but the signed text contains `×tamp=`: the bytes differ.",
        "Sign and send one string, built once.",
        mojibake_signed_sent_clean, open_orders_right, -1022,
    ),
    Pitfall(
        "non-ascii-signed-raw", "NON_ASCII_UNENCODED",
        "A non-ASCII symbol signed raw, sent percent-encoded",
        "Since 2026-01-15 Binance verifies the percent-encoded payload; the HTTP client "
        "encodes `１２３４５６` on the way out, so the signed text is not what arrives.",
        "Percent-encode as UTF-8 before signing (`query_string` does).",
        non_ascii_signed_raw, non_ascii_right, -1022,
    ),
    Pitfall(
        "space-percent20-vs-plus", "SPACE_PLUS_VS_PERCENT20",
        "Space signed as `%20`, sent as `+`",
        "`quote` writes a space as `%20`; `requests`' `data=` form-encodes it as `+`. "
        "Either is fine on its own, but the signature covers one and the wire carries the "
        "other.",
        "Build the bytes once, sign them, send them (`+` or `%20`, as long as it is the same).",
        space_signed_as_percent20_sent_as_plus, space_right, -1022,
    ),
    Pitfall(
        "params-reordered", "PARAMS_REORDERED",
        "Parameters reordered between signing and sending",
        "Binance accepts parameters in any order but verifies them in the order they "
        "arrive; this client puts `timestamp` first when it sends.",
        "Sign the parameters in the order you send them.",
        params_reordered, order_test_right, -1022,
    ),
    Pitfall(
        "ws-sorted-payload-on-rest", "WS_SORTED_PAYLOAD_ON_REST",
        "The WebSocket API's sorted payload used for REST",
        "The WebSocket API signs parameters sorted by name; REST signs them as sent.",
        "For REST, sign the query string and body exactly as sent, unsorted.",
        ws_sorted_payload_on_rest, order_test_right, -1022,
    ),
    Pitfall(
        "json-array-repeated-keys", "JSON_ARRAY_ENCODING",
        "A list signed as a JSON array, sent as repeated keys",
        "`requests` turns `params={'symbols': [...]}` into `symbols=A&symbols=B`; the "
        "server sees a duplicated parameter before it even checks the signature.",
        "Pass lists as compact JSON text, percent-encoded, in both places.",
        json_array_as_repeated_keys, json_array_right, -1101,
    ),
    Pitfall(
        "float-exponent", "FLOAT_EXPONENT",
        "A float quantity formatted as `1e-05`",
        "`str(0.00001)` is `1e-05`. The signature matches, but Binance refuses the value.",
        "Pass amounts as `str` or `decimal.Decimal` (`query_string` refuses floats).",
        float_exponent, float_right, -1100,
    ),
    Pitfall(
        "bool-capitalized", "BOOL_CAPITALIZED",
        "`true` signed, `True` sent",
        "`json.dumps(True)` is `true` but `str(True)`, which `requests` uses, is `True`.",
        "Write the text the docs show (`'true'`) yourself; `query_string` refuses bools.",
        bool_capitalized, bool_right, -1022,
    ),
    Pitfall(
        "trailing-newline", "TRAILING_NEWLINE",
        "A trailing newline in the signed payload",
        "`echo` without `-n` adds `\\n`; the payload signed is one byte longer than the one sent.",
        "`echo -n` (or `printf '%s'`) in the shell; never sign text read with its newline.",
        trailing_newline, open_orders_right, -1022,
    ),
    Pitfall(
        "secret-with-newline", "SECRET_WHITESPACE",
        "A secret read from a file with its trailing newline",
        "The HMAC key is every byte of the secret: `\\n` included, it is another key.",
        "Strip the secret where you read it (`hmac_sha256_hex` refuses one with whitespace).",
        secret_with_newline, open_orders_right, -1022,
    ),
    Pitfall(
        "json-body", "JSON_BODY",
        "A JSON body",
        "Binance reads form-encoded bodies only: in a JSON body it finds no `timestamp`.",
        "Send `application/x-www-form-urlencoded` and sign query string + body.",
        json_body, json_body_right, -1102,
    ),
    Pitfall(
        "query-body-joined-with-ampersand", "QUERY_BODY_JOINED_WITH_AMPERSAND",
        "Query string and body joined with `&`",
        "The payload is the query string *concatenated* with the body, with no separator.",
        "`total_params(query, body)`: `...GTC` + `quantity=1...` gives `...GTCquantity=1...`.",
        query_body_joined_with_ampersand, mixed_right, -1022,
    ),
    Pitfall(
        "signature-in-payload", "SIGNATURE_IN_PAYLOAD",
        "The `signature` parameter included in what was signed",
        "A placeholder `signature=` was in the dict when it was encoded and signed.",
        "Sign everything else; append `signature` last.",
        signature_in_payload, open_orders_right, -1022,
    ),
    Pitfall(
        "double-encoded", "DOUBLE_ENCODED",
        "Values percent-encoded twice",
        "The values were encoded by hand, then `requests`' `params=` encoded the `%` again.",
        "Encode once: build the query string yourself and send it as is, or let one library "
        "do both.",
        double_encoded, double_encoded_right, -1022,
    ),
    Pitfall(
        "url-normalized-after-signing", "URL_NORMALIZED_AFTER_SIGNING",
        "A URL normalised by the HTTP client after signing",
        "`requests` rewrites `%7E` as `~` when it prepares a URL: the server receives bytes "
        "other than those signed.",
        "Encode with RFC 3986 (`~` stays `~`) and check what arrives (`send` does).",
        url_normalized_after_signing, url_normalized_right, -1022,
    ),
    Pitfall(
        "api-key-in-payload", "API_KEY_IN_PAYLOAD",
        "The API key in the query string instead of the header",
        "The seed article signs `api_key=...` into the query string and sends no "
        "`X-MBX-APIKEY` header, so the server does not know who is asking.",
        "Send the key in the `X-MBX-APIKEY` header; never as a parameter.",
        api_key_in_payload, account_right, -2014,
    ),
    Pitfall(
        "timestamp-in-seconds", "TIMESTAMP_IN_SECONDS",
        "A timestamp in seconds",
        "Binance wants milliseconds: a seconds value is 49 years in the past.",
        "`int(time.time() * 1000)`, or `time.time_ns() // 1_000_000`.",
        timestamp_in_seconds, account_right, -1021,
    ),
    Pitfall(
        "secret-base64-decoded", "SECRET_BASE64_DECODED",
        "The secret base64-decoded before use",
        "The seed article's Ruby calls `Base64.urlsafe_b64decode` on the secret: the HMAC key "
        "becomes 48 other bytes.",
        "Use the secret's own bytes: `secret.encode()`.",
        secret_base64_decoded, account_right, -1022,
    ),
    Pitfall(
        "api-key-as-secret", "API_KEY_AS_SECRET",
        "Signed with the API key instead of the secret",
        "The two keys look alike (64 letters and digits); the API key only travels in the "
        "header.",
        "Sign with the secret key.",
        api_key_as_secret, account_right, -1022,
    ),
    Pitfall(
        "secret-concatenated", "SECRET_CONCATENATED",
        "sha256(payload + secret) instead of HMAC",
        "The seed article says to concatenate the parameters with the secret and hash them: "
        "a plain hash, not HMAC.",
        "`hmac.new(secret, payload, hashlib.sha256)`: the secret is the key.",
        secret_concatenated, account_right, -1022,
    ),
    Pitfall(
        "signature-in-base64", "SIGNATURE_NOT_HEX",
        "The HMAC sent in base64 instead of hex",
        "The seed article's Java returns the raw bytes; Java callers often base64 them. The "
        "HMAC is right, its text is not.",
        "Send the HMAC as 64 hex characters (`.hexdigest()`, `HexFormat`).",
        signature_in_base64, account_right, -1022,
    ),
    Pitfall(
        "signature-in-header", "MISSING_SIGNATURE",
        "The signature sent in a header",
        "The seed article puts the signature \"in your request headers or body\"; Binance reads "
        "it only as the `signature` parameter.",
        "Append `&signature=...` to the query string or body you signed.",
        signature_in_header, account_right, -1102,
    ),
    Pitfall(
        "form-body-without-content-type", "FORM_CONTENT_TYPE_MISSING",
        "A form body sent without its Content-Type",
        "`requests` sends a `str` body without Content-Type; the server reads a body only as "
        "`application/x-www-form-urlencoded`, so nothing in it arrives.",
        "Send `Content-Type: application/x-www-form-urlencoded` (or pass a dict to `data=`).",
        form_body_without_content_type, order_test_right, -1102,
    ),
    Pitfall(
        "clock-behind", "TIMESTAMP_OUTSIDE_WINDOW",
        "A timestamp 6 seconds behind the server",
        "A slow clock (or a request that waited): `serverTime - timestamp` exceeds "
        "recvWindow (5000 ms by default).",
        "Sync the clock, or offset it by `GET /api/v3/time`; take the timestamp just before "
        "sending.",
        clock_behind, account_right, -1021,
    ),
    Pitfall(
        "uppercase-hex", "OK",
        "An uppercase hex signature (a myth: accepted)",
        "HMAC signatures are not case-sensitive, Binance's docs say: `C8DB…` is `c8db…`.",
        "Nothing to fix. (Ed25519 and RSA signatures, in base64, *are* case-sensitive.)",
        uppercase_hex, account_right, 0,
    ),
)


def by_name(name: str) -> Pitfall:
    """The pitfall called ``name``; the error lists the names there are."""
    for pitfall in PITFALLS:
        if pitfall.name == name:
            return pitfall
    names = ", ".join(p.name for p in PITFALLS)
    raise KeyError(f"no pitfall named {name!r}; there are: {names}")


@dataclass(frozen=True)
class Outcome:
    """One attempt's result: what was signed, what the server rebuilt, and its verdict."""

    signed: str
    received: str | None  # the payload the local exchange rebuilt; None for another server
    status: int
    code: int  # Binance's error code, 0 when accepted
    msg: str

    @property
    def accepted(self) -> bool:
        return self.code == 0

    def comparison(self) -> Comparison:
        """What was signed next to what the server received, first difference marked."""
        return compare(self.signed, self.received or "", labels=("signed", "received"))

    def __repr__(self) -> str:
        verdict = "accepted" if self.accepted else f"{self.code} {self.msg}"
        return f"Outcome(HTTP {self.status}: {verdict})"


def attempt(way: Callable[[Context], tuple[str, object]], exchange=None, ctx=None) -> Outcome:
    """Run one way (a pitfall's ``wrong`` or ``right``) and collect its outcome.

    With a ``LocalExchange`` the outcome also holds the payload the server rebuilt from
    the bytes it received; ``ctx`` defaults to the exchange's URL and the example keys.
    """
    if ctx is None:
        if exchange is None:
            raise TypeError("attempt: pass a LocalExchange, or a Context for another server")
        ctx = Context(base_url=exchange.base_url)
    signed, response = way(ctx)
    if isinstance(response, Reply):
        status, body = response.status, response.json
    else:
        status = response.status_code
        try:
            body = response.json()
        except ValueError:
            body = {"code": None, "msg": response.text[:200]}
    error = body if isinstance(body, dict) and "code" in body else {}
    received = exchange.last_verdict.payload if exchange is not None else None
    if isinstance(signed, bytes):
        signed = signed.decode("utf-8", "backslashreplace")
    return Outcome(signed, received, status, error.get("code", 0), error.get("msg", ""))


def _inline_code(text: str) -> str:
    """Markdown-ish `code` spans to HTML, everything else escaped."""
    parts = html.escape(text).split("`")
    return "".join(f"<code>{p}</code>" if i % 2 else p for i, p in enumerate(parts))


def _verdict_text(outcome: Outcome) -> str:
    if outcome.accepted:
        return f"HTTP {outcome.status}, accepted"
    return f"HTTP {outcome.status}, {outcome.code} {outcome.msg}"


class Demonstration:
    """A pitfall shown in full: the wrong code, what was signed next to what the server
    received, the verdict; then the fix and its verdict. Text and HTML renderings."""

    def __init__(self, pitfall: Pitfall, wrong: Outcome, right: Outcome):
        self.pitfall, self.wrong, self.right = pitfall, wrong, right

    def _sections(self):
        p = self.pitfall
        yield "As people write it", inspect.getsource(p.wrong), self.wrong
        yield "The fix", inspect.getsource(p.right), self.right

    def __repr__(self) -> str:
        p = self.pitfall
        lines = [f"{p.title} [{p.code}]", p.why, ""]
        for heading, source, outcome in self._sections():
            lines += [f"-- {heading}", source.rstrip(), repr(outcome.comparison()),
                      f"verdict: {_verdict_text(outcome)}", ""]  # fmt: skip
            if heading == "As people write it":
                lines.append(f"fix: {p.fix}")
        return "\n".join(lines).rstrip()

    def _repr_html_(self) -> str:
        p = self.pitfall
        out = [f"<h4>{_inline_code(p.title)} <small>[{p.code}]</small></h4>",
               f"<p>{_inline_code(p.why)}</p>"]  # fmt: skip
        for heading, source, outcome in self._sections():
            colour = "#1a7f37" if outcome.accepted else "#cf222e"
            out.append(f"<p><b>{heading}</b></p>")
            if heading == "The fix":
                out.append(f"<p>{_inline_code(p.fix)}</p>")
            out.append(f"<pre style='font-family:monospace'>{html.escape(source.rstrip())}</pre>")
            out.append(outcome.comparison()._repr_html_())
            verdict = html.escape(_verdict_text(outcome))
            out.append(f"<p>Verdict: <b style='color:{colour}'>{verdict}</b></p>")
        return "\n".join(out)


def demonstrate(pitfall: Pitfall | str, exchange) -> Demonstration:
    """Run a pitfall's wrong way and its fix against ``exchange`` and show both."""
    if isinstance(pitfall, str):
        pitfall = by_name(pitfall)
    wrong, right = attempt(pitfall.wrong, exchange), attempt(pitfall.right, exchange)
    return Demonstration(pitfall, wrong, right)


def catalogue(exchange) -> "Catalogue":
    """Every pitfall run against ``exchange``: one row each, verdicts as the server gave them."""
    return Catalogue([demonstrate(p, exchange) for p in PITFALLS])


class Catalogue:
    """The summary table of ``catalogue``."""

    def __init__(self, demonstrations: list[Demonstration]):
        self.demonstrations = demonstrations

    def rows(self) -> list[tuple[str, str, str, str]]:
        return [
            (d.pitfall.name, d.pitfall.code, _verdict_text(d.wrong), _verdict_text(d.right))
            for d in self.demonstrations
        ]

    def __repr__(self) -> str:
        rows = [("pitfall", "code", "wrong way", "fixed")] + self.rows()
        widths = [max(len(r[i]) for r in rows) for i in range(3)]
        return "\n".join(
            "  ".join(cell.ljust(w) for cell, w in zip(r[:3], widths, strict=True)) + "  " + r[3]
            for r in rows
        )

    def _repr_html_(self) -> str:
        head = "".join(f"<th>{h}</th>" for h in ("pitfall", "code", "wrong way", "fixed"))
        body = "".join(
            "<tr>" + "".join(f"<td style='text-align:left'>{html.escape(c)}</td>" for c in r)
            + "</tr>"
            for r in self.rows()
        )
        return f"<table><tr>{head}</tr>{body}</table>"
