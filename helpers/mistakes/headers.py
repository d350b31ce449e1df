"""Header and body mistakes: the API key, the signature or the parameters sent where
Binance does not read them.

The API key travels in the ``X-MBX-APIKEY`` header (REST API, "SIGNED Endpoint Examples
for POST /api/v3/order": ``curl -H "X-MBX-APIKEY: $apiKey"``); the signature is "an
additional parameter, ``signature``, to be sent in the query string or request body"
("SIGNED Endpoint security"); a body is read only as
``application/x-www-form-urlencoded`` ("General Information on Endpoints").
"""

import hashlib
import hmac
import json

import requests

from helpers.mistakes.mistake import pitfall
from helpers.mistakes.ways import account_right, order_test_right, sign_and_send


@pitfall(code="API_KEY_IN_PAYLOAD", right=account_right, expected=-2014)
def api_key_in_payload(ctx):
    # The seed article: the key is signed into the query string, and no header is sent.
    query = "api_key=" + ctx.api_key + "&timestamp=" + str(ctx.timestamp)
    signature = hmac.new(ctx.secret.encode(), query.encode(), hashlib.sha256).hexdigest()
    return query, requests.get(f"{ctx.base_url}/api/v3/account?{query}&signature={signature}")


def json_body_right(ctx):
    order = {"symbol": "BTCUSDT", "side": "BUY", "type": "MARKET", "quantity": "1"}
    # A form-encoded body, as the docs require.
    return sign_and_send(ctx, "POST", "/api/v3/order/test", body_params=order)


@pitfall(code="JSON_BODY", right=json_body_right, expected=-1102)
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


@pitfall(code="FORM_CONTENT_TYPE_MISSING", right=order_test_right, expected=-1102)
def form_body_without_content_type(ctx):
    body = f"symbol=BTCUSDT&side=SELL&type=MARKET&quantity=1&timestamp={ctx.timestamp}"
    signature = hmac.new(ctx.secret.encode(), body.encode(), hashlib.sha256).hexdigest()
    response = requests.post(  # a str body: requests sends no Content-Type with it
        f"{ctx.base_url}/api/v3/order/test",
        data=f"{body}&signature={signature}",
        headers={"X-MBX-APIKEY": ctx.api_key},
    )
    return body, response


@pitfall(code="MISSING_SIGNATURE", right=account_right, expected=-1102)
def signature_in_header(ctx):
    query = f"timestamp={ctx.timestamp}"
    signature = hmac.new(ctx.secret.encode(), query.encode(), hashlib.sha256).hexdigest()
    response = requests.get(  # the seed article: "signature ... in your request headers"
        f"{ctx.base_url}/api/v3/account?{query}",
        headers={"X-MBX-APIKEY": ctx.api_key, "X-MBX-SIGNATURE": signature},
    )
    return query, response
