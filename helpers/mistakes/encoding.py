"""Encoding mistakes: the text signed and the bytes sent are encoded differently.

Binance signs the percent-encoded payload ("Any non-ASCII character must be
percent-encoded before signing", REST API, "SIGNED Endpoint Examples for POST
/api/v3/order" → "HMAC Keys"), so every re-encoding between signing and sending — by
a web page, by hand, by the HTTP client — changes the bytes and breaks the signature.
"""

import hashlib
import hmac
import urllib.parse

import requests

from helpers.mistakes.mistake import pitfall
from helpers.mistakes.ways import get_signed, open_orders_right, post_form, sign_and_send


@pitfall(
    code="HTML_ENTITY_MOJIBAKE", case="sent as signed", right=open_orders_right, expected=-1102,
)
def mojibake_sent_as_signed(ctx):
    # The article's line after a browser decoded "&times" into "×": "&timestamp" is gone.
    query = "symbol=LTCBTC" + "×tamp=" + str(ctx.timestamp)
    signature = hmac.new(ctx.secret.encode(), query.encode(), hashlib.sha256).hexdigest()
    response = requests.get(
        f"{ctx.base_url}/api/v3/openOrders?{query}&signature={signature}",
        headers={"X-MBX-APIKEY": ctx.api_key},
    )
    return query, response


@pitfall(
    code="HTML_ENTITY_MOJIBAKE", case="only where it was signed", right=open_orders_right,
    expected=-1022,
)
def mojibake_signed_sent_clean(ctx):
    # The signing code was pasted from the article; the URL was typed by hand.
    signed = "symbol=LTCBTC" + "×tamp=" + str(ctx.timestamp)
    signature = hmac.new(ctx.secret.encode(), signed.encode(), hashlib.sha256).hexdigest()
    sent = "symbol=LTCBTC&timestamp=" + str(ctx.timestamp)
    return signed, get_signed(ctx, "/api/v3/openOrders", sent, signature)


def non_ascii_right(ctx):
    order = {"symbol": "１２３４５６", "side": "BUY", "type": "MARKET", "quantity": "1"}
    return sign_and_send(ctx, "POST", "/api/v3/order/test", order)  # encoded, then signed


@pitfall(code="NON_ASCII_UNENCODED", right=non_ascii_right, expected=-1022)
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


def space_right(ctx):
    params = {"symbol": "BTCUSDT", "side": "BUY", "type": "MARKET", "quantity": "1",
              "newClientOrderId": "my order 1", "timestamp": ctx.timestamp}
    body = urllib.parse.urlencode(params)  # build the bytes once: space -> +
    signature = hmac.new(ctx.secret.encode(), body.encode(), hashlib.sha256).hexdigest()
    return body, post_form(ctx, "/api/v3/order/test", f"{body}&signature={signature}")


@pitfall(
    code="SPACE_PLUS_VS_PERCENT20", name="space-percent20-vs-plus", right=space_right,
    expected=-1022,
)
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


def double_encoded_right(ctx):
    order = {"symbol": "LTCBTC", "newClientOrderId": "bot/42"}
    return sign_and_send(ctx, "GET", "/api/v3/openOrders", order)  # encoded once


@pitfall(code="DOUBLE_ENCODED", right=double_encoded_right, expected=-1022)
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


def url_normalized_right(ctx):
    # RFC 3986: "~" is unreserved, so never %7E; send() puts the signed URL on the wire.
    order = {"symbol": "LTCBTC", "newClientOrderId": "bot~42"}
    return sign_and_send(ctx, "GET", "/api/v3/openOrders", order)


@pitfall(code="URL_NORMALIZED_AFTER_SIGNING", right=url_normalized_right, expected=-1022)
def url_normalized_after_signing(ctx):
    # Java's URLEncoder and other older encoders escape "~" as %7E.
    query = f"symbol=LTCBTC&newClientOrderId=bot%7E42&timestamp={ctx.timestamp}"
    signature = hmac.new(ctx.secret.encode(), query.encode(), hashlib.sha256).hexdigest()
    # requests "normalises" %7E to ~ before sending
    return query, get_signed(ctx, "/api/v3/openOrders", query, signature)
