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

from helpers.mistakes.mistake import INFERRED, MODEL_CHOICE, Mistake, Pitfall
from helpers.mistakes.sources import (
    BAD_API_KEY_FMT,
    ENDPOINTS,
    HMAC_KEYS,
    SIGNED_ENDPOINT_SECURITY,
)
from helpers.mistakes.ways import account_right, order_test_right, sign_and_send

MISSING_API_KEY_HEADER = Mistake(
    code="MISSING_API_KEY_HEADER", stage="header", proof="request",
    title="No X-MBX-APIKEY header",
    why="SIGNED endpoints need the API key in the `X-MBX-APIKEY` header; without it the "
    "server cannot tell whose secret to check (-2014).",
    fix="Send the header `X-MBX-APIKEY: <your API key>` with every SIGNED request.",
    source=HMAC_KEYS,
)

API_KEY_HEADER_MALFORMED = Mistake(
    code="API_KEY_HEADER_MALFORMED", stage="header", proof="request",
    title="The X-MBX-APIKEY header is malformed",
    why="The header is sent twice, or its value has whitespace, quotes or other characters "
    "no API key has (-2014).",
    fix="Send the header once, the key exactly as Binance showed it (strip what you read).",
    source=BAD_API_KEY_FMT,
    certainty=MODEL_CHOICE,  # the key's format rule
)


def api_key_in_payload(ctx):
    # The seed article: the key is signed into the query string, and no header is sent.
    query = "api_key=" + ctx.api_key + "&timestamp=" + str(ctx.timestamp)
    signature = hmac.new(ctx.secret.encode(), query.encode(), hashlib.sha256).hexdigest()
    return query, requests.get(f"{ctx.base_url}/api/v3/account?{query}&signature={signature}")


API_KEY_IN_PAYLOAD = Mistake(
    code="API_KEY_IN_PAYLOAD", stage="header", proof="request",
    title="The API key sent as a parameter",
    why="The REST API takes the key only from the `X-MBX-APIKEY` header; as a parameter it "
    "is just noise in the signed payload (the WebSocket API is the one place `apiKey` "
    "is a signed parameter).",
    fix="Remove the `api_key`/`apiKey` parameter; send the key in the `X-MBX-APIKEY` header.",
    source=HMAC_KEYS,
    certainty=INFERRED,
    pitfalls=(
        Pitfall(
            name="api-key-in-payload",
            wrong=api_key_in_payload, right=account_right, expected=-2014,
        ),
    ),
)


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
    order = {"symbol": "BTCUSDT", "side": "BUY", "type": "MARKET", "quantity": "1"}
    # A form-encoded body, as the docs require.
    return sign_and_send(ctx, "POST", "/api/v3/order/test", body_params=order)


JSON_BODY = Mistake(
    code="JSON_BODY", stage="body", proof="request + signature",
    title="A JSON body",
    why="Binance reads a body only as `application/x-www-form-urlencoded`; in a JSON body "
    "it finds no parameters at all, so no `timestamp` and no `signature` (-1102).",
    fix="Send the parameters form-encoded (`a=1&b=2`) and sign query string + body.",
    source=ENDPOINTS,
    pitfalls=(Pitfall(name="json-body", wrong=json_body, right=json_body_right, expected=-1102),),
)


def form_body_without_content_type(ctx):
    body = f"symbol=BTCUSDT&side=SELL&type=MARKET&quantity=1&timestamp={ctx.timestamp}"
    signature = hmac.new(ctx.secret.encode(), body.encode(), hashlib.sha256).hexdigest()
    response = requests.post(  # a str body: requests sends no Content-Type with it
        f"{ctx.base_url}/api/v3/order/test",
        data=f"{body}&signature={signature}",
        headers={"X-MBX-APIKEY": ctx.api_key},
    )
    return body, response


FORM_CONTENT_TYPE_MISSING = Mistake(
    code="FORM_CONTENT_TYPE_MISSING", stage="body", proof="request",
    title="A form body without its Content-Type",
    why="The body looks like a form, but without "
    "`Content-Type: application/x-www-form-urlencoded` "
    "the server does not read it "
    "(a `str` passed to `requests`' `data=` sends no Content-Type).",
    fix="Send `Content-Type: application/x-www-form-urlencoded` with the body.",
    source=ENDPOINTS,
    certainty=MODEL_CHOICE,  # that such a body is ignored (-1102), not refused otherwise
    pitfalls=(
        Pitfall(
            name="form-body-without-content-type",
            wrong=form_body_without_content_type, right=order_test_right, expected=-1102,
        ),
    ),
)


def signature_in_header(ctx):
    query = f"timestamp={ctx.timestamp}"
    signature = hmac.new(ctx.secret.encode(), query.encode(), hashlib.sha256).hexdigest()
    response = requests.get(  # the seed article: "signature ... in your request headers"
        f"{ctx.base_url}/api/v3/account?{query}",
        headers={"X-MBX-APIKEY": ctx.api_key, "X-MBX-SIGNATURE": signature},
    )
    return query, response


MISSING_SIGNATURE = Mistake(
    code="MISSING_SIGNATURE", stage="signature", proof="request",
    title="No signature parameter",
    why="The signature travels as the parameter `signature` in the query string or the "
    "form body — not in a header, not in a JSON body (-1102).",
    fix="Append `&signature=<hex>` to the query string or body you signed.",
    source=SIGNED_ENDPOINT_SECURITY,
    pitfalls=(
        Pitfall(
            name="signature-in-header",
            wrong=signature_in_header, right=account_right, expected=-1102,
        ),
    ),
)
