"""Payload mistakes: the right parameters, assembled into another text than the one sent.

The REST API's signature payload is "the query string concatenated without separator to
the HTTP body" (REST API, "SIGNED Endpoint Examples for POST /api/v3/order" → "HMAC
Keys"): exactly the bytes sent, in the order sent, without the ``signature`` itself.
"""

import hashlib
import hmac
import urllib.parse

import requests

from helpers.mistakes.mistake import INFERRED, Mistake, Pitfall
from helpers.mistakes.sources import ENDPOINTS, HMAC_KEYS, WS_HMAC_EXAMPLE
from helpers.mistakes.ways import (
    get_signed,
    open_orders_right,
    order_test_right,
    post_form,
    sign_and_send,
)


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


PARAMS_REORDERED = Mistake(
    code="PARAMS_REORDERED", stage="payload", proof="signature",
    title="Parameters reordered between signing and sending",
    why="Binance accepts any order but verifies the parameters in the order they arrive.",
    fix="Sign the parameters in the order you send them: build the string once.",
    source=ENDPOINTS,
    certainty=INFERRED,
    pitfalls=(
        Pitfall(
            name="params-reordered",
            wrong=params_reordered, right=order_test_right, expected=-1022,
        ),
    ),
)


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


WS_SORTED_PAYLOAD_ON_REST = Mistake(
    code="WS_SORTED_PAYLOAD_ON_REST", stage="payload", proof="signature",
    title="The WebSocket API's sorted payload used for REST",
    why="The WebSocket API signs parameters sorted by name (values raw); REST signs the "
    "query string and body exactly as sent.",
    fix="For REST, sign the query string + body as sent, unsorted and percent-encoded.",
    source=WS_HMAC_EXAMPLE,
    pitfalls=(
        Pitfall(
            name="ws-sorted-payload-on-rest",
            wrong=ws_sorted_payload_on_rest, right=order_test_right, expected=-1022,
        ),
    ),
)


def query_body_joined_with_ampersand(ctx):
    query = "symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC"
    body = f"quantity=1&price=0.1&recvWindow=5000&timestamp={ctx.timestamp}"
    payload = query + "&" + body  # looks tidy; Binance concatenates with no separator
    signature = hmac.new(ctx.secret.encode(), payload.encode(), hashlib.sha256).hexdigest()
    return payload, post_form(ctx, f"/api/v3/order/test?{query}", f"{body}&signature={signature}")


def mixed_right(ctx):
    query = {"symbol": "LTCBTC", "side": "BUY", "type": "LIMIT", "timeInForce": "GTC"}
    body = {"quantity": "1", "price": "0.1"}
    return sign_and_send(
        ctx, "POST", "/api/v3/order/test", query, body_params=body, recv_window=5000
    )


QUERY_BODY_JOINED_WITH_AMPERSAND = Mistake(
    code="QUERY_BODY_JOINED_WITH_AMPERSAND", stage="payload", proof="signature",
    title="Query string and body joined with `&`",
    why="The payload is the query string *concatenated* with the body, no separator.",
    fix="`total_params(query, body)`: `...GTC` + `quantity=1...` gives `...GTCquantity=1...`.",
    source=HMAC_KEYS,
    pitfalls=(
        Pitfall(
            name="query-body-joined-with-ampersand",
            wrong=query_body_joined_with_ampersand, right=mixed_right, expected=-1022,
        ),
    ),
)


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


SIGNATURE_IN_PAYLOAD = Mistake(
    code="SIGNATURE_IN_PAYLOAD", stage="payload", proof="signature",
    title="`signature` included in what was signed",
    why="A placeholder `signature=` was in the parameters when they were encoded and "
    "signed; the server removes `signature` before it verifies.",
    fix="Sign every other parameter; append `signature` last.",
    source=HMAC_KEYS,
    certainty=INFERRED,
    pitfalls=(
        Pitfall(
            name="signature-in-payload",
            wrong=signature_in_payload, right=open_orders_right, expected=-1022,
        ),
    ),
)


def trailing_newline(ctx):
    query = f"symbol=LTCBTC&timestamp={ctx.timestamp}"
    payload = query + "\n"  # what `echo "$QUERY" | openssl dgst ...` signs: echo adds \n
    signature = hmac.new(ctx.secret.encode(), payload.encode(), hashlib.sha256).hexdigest()
    return payload, get_signed(ctx, "/api/v3/openOrders", query, signature)


TRAILING_NEWLINE = Mistake(
    code="TRAILING_NEWLINE", stage="payload", proof="signature",
    title="A trailing newline in the signed payload",
    why="`echo` without `-n`, or a line read from a file, adds `\\n` to what is signed.",
    fix="`printf '%s'` or `echo -n` in the shell; never sign text read with its newline.",
    source=HMAC_KEYS,
    pitfalls=(
        Pitfall(
            name="trailing-newline",
            wrong=trailing_newline, right=open_orders_right, expected=-1022,
        ),
    ),
)
