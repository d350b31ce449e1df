"""Payload mistakes: the right parameters, assembled into another text than the one sent.

The REST API's signature payload is "the query string concatenated without separator to
the HTTP body" (REST API, "SIGNED Endpoint Examples for POST /api/v3/order" → "HMAC
Keys"): exactly the bytes sent, in the order sent, without the ``signature`` itself.
"""

import hashlib
import hmac
import urllib.parse

import requests

from helpers.mistakes.mistake import pitfall
from helpers.mistakes.ways import (
    get_signed,
    open_orders_right,
    order_test_right,
    post_form,
    sign_and_send,
)


@pitfall(code="PARAMS_REORDERED", right=order_test_right, expected=-1022)
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


@pitfall(code="WS_SORTED_PAYLOAD_ON_REST", right=order_test_right, expected=-1022)
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


def mixed_right(ctx):
    query = {"symbol": "LTCBTC", "side": "BUY", "type": "LIMIT", "timeInForce": "GTC"}
    body = {"quantity": "1", "price": "0.1"}
    return sign_and_send(
        ctx, "POST", "/api/v3/order/test", query, body_params=body, recv_window=5000
    )


@pitfall(code="QUERY_BODY_JOINED_WITH_AMPERSAND", right=mixed_right, expected=-1022)
def query_body_joined_with_ampersand(ctx):
    query = "symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC"
    body = f"quantity=1&price=0.1&recvWindow=5000&timestamp={ctx.timestamp}"
    payload = query + "&" + body  # looks tidy; Binance concatenates with no separator
    signature = hmac.new(ctx.secret.encode(), payload.encode(), hashlib.sha256).hexdigest()
    return payload, post_form(ctx, f"/api/v3/order/test?{query}", f"{body}&signature={signature}")


@pitfall(code="SIGNATURE_IN_PAYLOAD", right=open_orders_right, expected=-1022)
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


@pitfall(code="TRAILING_NEWLINE", right=open_orders_right, expected=-1022)
def trailing_newline(ctx):
    query = f"symbol=LTCBTC&timestamp={ctx.timestamp}"
    payload = query + "\n"  # what `echo "$QUERY" | openssl dgst ...` signs: echo adds \n
    signature = hmac.new(ctx.secret.encode(), payload.encode(), hashlib.sha256).hexdigest()
    return payload, get_signed(ctx, "/api/v3/openOrders", query, signature)
