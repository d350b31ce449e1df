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

from helpers.mistakes.mistake import INFERRED, MODEL_CHOICE, Mistake, Pitfall
from helpers.mistakes.sources import (
    EXCHANGE_INFORMATION,
    ILLEGAL_CHARS,
    PARAM_EMPTY,
    TEST_NEW_ORDER,
    TOO_MANY_PARAMETERS,
)
from helpers.mistakes.ways import post_form, sign_and_send

JSON_ARRAY_ENCODING = Mistake(
    code="JSON_ARRAY_ENCODING", stage="parameters", proof="request + signature",
    title="A list sent as repeated keys",
    why="Binance takes a list parameter once, as a JSON array (`symbols` of "
    "`GET /api/v3/exchangeInfo`, the REST API's one list parameter); `requests` turns a "
    "Python list into `symbols=A&symbols=B`, a parameter sent twice (-1101, \"Duplicate "
    "values for a parameter detected.\").",
    fix="Send the list as compact JSON text, percent-encoded (`query_string` does), and "
    "sign that same text.",
    source=EXCHANGE_INFORMATION,
    certainty=MODEL_CHOICE,  # -1101 for the repeated key
    # No demonstration: the one endpoint that takes a list is public (not signed), and
    # the local exchange does not model it. Notebook 04 shows the two query strings.
)

DUPLICATE_PARAMETER = Mistake(
    code="DUPLICATE_PARAMETER", stage="parameters", proof="request",
    title="A parameter sent twice",
    why="A name appears twice in the query string or twice in the body (-1101).",
    fix="Send each parameter once.",
    source=TOO_MANY_PARAMETERS,
)

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
    order = {"symbol": "BTCUSDT", "side": "BUY", "type": "MARKET", "quantity": "1",
             "computeCommissionRates": "true"}  # the text the docs show
    return sign_and_send(ctx, "POST", "/api/v3/order/test", order)


BOOL_CAPITALIZED = Mistake(
    code="BOOL_CAPITALIZED", stage="parameters", proof="request + signature",
    title="`True` sent where Binance expects `true`",
    why="`str(True)` is `True`; Binance's booleans are `true`/`false`. Signed one spelling "
    "and sent the other, the bytes differ.",
    fix="Write the text the docs show (`'true'`) yourself; `query_string` refuses bools.",
    source=TEST_NEW_ORDER,
    certainty=INFERRED,
    pitfalls=(
        Pitfall(name="bool-capitalized", wrong=bool_capitalized, right=bool_right, expected=-1022),
    ),
)


def float_exponent(ctx):
    quantity = 0.00001
    payload = f"symbol=BTCUSDT&side=BUY&type=MARKET&quantity={quantity}&timestamp={ctx.timestamp}"
    signature = hmac.new(ctx.secret.encode(), payload.encode(), hashlib.sha256).hexdigest()
    # The signature is fine; the value Binance receives is "1e-05".
    return payload, post_form(ctx, "/api/v3/order/test", f"{payload}&signature={signature}")


def float_right(ctx):
    quantity = Decimal("0.00001")  # str() of a Decimal keeps its notation: "0.00001"
    return sign_and_send(
        ctx, "POST", "/api/v3/order/test",
        {"symbol": "BTCUSDT", "side": "BUY", "type": "MARKET", "quantity": quantity},
    )  # fmt: skip


FLOAT_EXPONENT = Mistake(
    code="FLOAT_EXPONENT", stage="parameters", proof="request",
    title="A float formatted as `1e-05`",
    why="`str(0.00001)` is `1e-05`; Binance refuses decimals in scientific notation "
    "(-1100), even with a valid signature.",
    fix="Pass amounts as `str` or `decimal.Decimal` in plain notation (`0.00001`).",
    source=ILLEGAL_CHARS,
    pitfalls=(
        Pitfall(name="float-exponent", wrong=float_exponent, right=float_right, expected=-1100),
    ),
)

EMPTY_PARAMETER = Mistake(
    code="EMPTY_PARAMETER", stage="parameters", proof="request",
    title="A parameter with an empty value",
    why="Binance refuses `name=` with nothing after it (-1105).",
    fix="Leave the parameter out instead of sending it empty.",
    source=PARAM_EMPTY,
)
