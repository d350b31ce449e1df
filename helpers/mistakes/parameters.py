"""Parameter mistakes: a value written in another text than Binance reads, or a parameter
sent twice or empty.

Binance reads every value as text: decimals in plain notation, booleans as
``true``/``false``, lists as one JSON array (``symbols=["BTCUSDT","BNBBTC"]``, REST API,
"Exchange information"). Python's own ``str()`` of a float, a bool or a list is none of
these, and ``requests`` uses it.
"""

import hashlib
import hmac
import json
import urllib.parse
from decimal import Decimal

import requests

from helpers.mistakes.mistake import pitfall
from helpers.mistakes.ways import post_form, sign_and_send


def bool_right(ctx):
    order = {"symbol": "BTCUSDT", "side": "BUY", "type": "MARKET", "quantity": "1",
             "computeCommissionRates": "true"}  # the text the docs show
    return sign_and_send(ctx, "POST", "/api/v3/order/test", order)


@pitfall(code="BOOL_CAPITALIZED", right=bool_right, expected=-1022)
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


def float_right(ctx):
    quantity = Decimal("0.00001")  # str() of a Decimal keeps its notation: "0.00001"
    return sign_and_send(
        ctx, "POST", "/api/v3/order/test",
        {"symbol": "BTCUSDT", "side": "BUY", "type": "MARKET", "quantity": quantity},
    )  # fmt: skip


@pitfall(code="FLOAT_EXPONENT", right=float_right, expected=-1100)
def float_exponent(ctx):
    quantity = 0.00001
    payload = f"symbol=BTCUSDT&side=BUY&type=MARKET&quantity={quantity}&timestamp={ctx.timestamp}"
    signature = hmac.new(ctx.secret.encode(), payload.encode(), hashlib.sha256).hexdigest()
    # The signature is fine; the value Binance receives is "1e-05".
    return payload, post_form(ctx, "/api/v3/order/test", f"{payload}&signature={signature}")
