import hashlib
import hmac
import urllib.parse

import requests


def fixed_order(ctx):
    params = {"symbol": "BTCUSDT", "side": "BUY", "type": "MARKET", "quantity": "1",
              "timestamp": ctx.timestamp, "recvWindow": 5000}  # every parameter, then sign
    payload = urllib.parse.urlencode(params)
    signature = hmac.new(ctx.secret.encode(), payload.encode(), hashlib.sha256).hexdigest()
    response = requests.post(
        f"{ctx.base_url}/api/v3/order/test",
        params={**params, "signature": signature},
        headers={"X-MBX-APIKEY": ctx.api_key},
    )
    return payload, response
