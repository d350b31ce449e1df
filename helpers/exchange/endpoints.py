"""Step 4: the REST paths this model answers, and what each endpoint does once checks pass.

Binance Spot REST paths (REST API, "General endpoints" and "Account Endpoints"): ping,
time, a fixed fake account, and orders (``orders``). Each path has its security type
(rest-api.md → "Request Security"): NONE endpoints skip the checks; TRADE and USER_DATA
ones are SIGNED. ``route`` answers an unknown path with 404 and a method the path does not
take with 405, both -1020 (errors.md, UNSUPPORTED_OPERATION). An order's fields are checked
here, after the signature (-1102 when missing, -1100 for a decimal not in plain notation).
"""

import hashlib
import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from helpers.exchange.messages import MSG_UNSUPPORTED, mandatory, shown
from helpers.exchange.refusal import Refusal
from helpers.exchange.verdict import CHECK_ENDPOINT, CHECK_ROUTE

if TYPE_CHECKING:
    from helpers.exchange.state import ExchangeState


@dataclass(frozen=True)
class Call:
    """What a SIGNED endpoint gets once every check passed."""

    params: Mapping[str, str]
    api_key: str
    server_time: int


@dataclass(frozen=True)
class Endpoint:
    """A REST path's handler and its security type."""

    security: str  # NONE, TRADE or USER_DATA (rest-api.md, Request Security)
    run: Callable[["ExchangeState", "Call | None"], object]


def _require(params: Mapping[str, str], names: tuple[str, ...]) -> None:
    for name in names:
        if name not in params:
            raise Refusal(-1102, mandatory(name), CHECK_ENDPOINT, f"the endpoint needs {name!r}")


_ORDER_FIELDS = ("symbol", "side", "type")
_DECIMAL_FIELDS = ("quantity", "quoteOrderQty", "price", "stopPrice")
# errors.md, -1100 ILLEGAL_CHARS: "Illegal characters found in parameter '%s'; legal range
# is '%s'." The range below is the one Binance names for its decimal parameters.
DECIMAL_LEGAL_RANGE = r"^([0-9]{1,20})(\.[0-9]{1,20})?$"
_DECIMAL_FORMAT = re.compile(DECIMAL_LEGAL_RANGE)


def judge_order(params: Mapping[str, str]) -> None:
    """The order fields this model checks: present, and decimals in plain notation."""
    _require(params, _ORDER_FIELDS)
    for name in _DECIMAL_FIELDS:
        value = params.get(name)
        if value is not None and not _DECIMAL_FORMAT.match(value):
            raise Refusal(
                -1100,
                f"Illegal characters found in parameter '{name}'; legal range is "
                f"'{DECIMAL_LEGAL_RANGE}'.",
                CHECK_ENDPOINT,
                f"{name} {shown(value, 40)!r} is not a plain decimal (a float's '1e-05'?)",
            )


_FAKE_ACCOUNT = {
    "makerCommission": 10,
    "takerCommission": 10,
    "canTrade": True,
    "canWithdraw": False,
    "canDeposit": False,
    "accountType": "SPOT",
    "balances": [
        {"asset": "BTC", "free": "1.00000000", "locked": "0.00000000"},
        {"asset": "LTC", "free": "100.00000000", "locked": "0.00000000"},
    ],
    "permissions": ["SPOT"],
}


def _ping(state: "ExchangeState", call: Call | None) -> object:
    return {}


def _time(state: "ExchangeState", call: Call | None) -> object:
    return {"serverTime": state.now_ms()}


def _account(state: "ExchangeState", call: Call | None) -> object:
    return json.loads(json.dumps(_FAKE_ACCOUNT))  # a fresh copy


def _order_test(state: "ExchangeState", call: Call | None) -> object:
    assert call is not None
    judge_order(call.params)
    return {}


def _order_new(state: "ExchangeState", call: Call | None) -> object:
    assert call is not None
    judge_order(call.params)
    return state.orders.place(call.api_key, call.params, call.server_time)


def _open_orders(state: "ExchangeState", call: Call | None) -> object:
    assert call is not None
    return state.orders.open_orders(call.api_key, call.params.get("symbol"))


def _order_cancel(state: "ExchangeState", call: Call | None) -> object:
    assert call is not None
    _require(call.params, ("symbol",))
    if "orderId" not in call.params and "origClientOrderId" not in call.params:
        raise Refusal(
            -1102,
            "Param 'origClientOrderId' or 'orderId' must be sent, but both were empty/null!",
            CHECK_ENDPOINT,
            "say which order to cancel",
        )
    return state.orders.cancel(call.api_key, call.params, call.server_time)


# Binance Spot REST paths (REST API, General endpoints and Account Endpoints).
_ROUTES: dict[str, dict[str, Endpoint]] = {
    "/api/v3/ping": {"GET": Endpoint("NONE", _ping)},
    "/api/v3/time": {"GET": Endpoint("NONE", _time)},
    "/api/v3/account": {"GET": Endpoint("USER_DATA", _account)},
    "/api/v3/order/test": {"POST": Endpoint("TRADE", _order_test)},
    "/api/v3/order": {
        "POST": Endpoint("TRADE", _order_new),
        "DELETE": Endpoint("TRADE", _order_cancel),
    },
    "/api/v3/openOrders": {"GET": Endpoint("USER_DATA", _open_orders)},
}


def _listen_key(state: "ExchangeState", call: Call | None) -> object:
    """A futures listenKey (USER_STREAM): a fixed fake per API key; no events follow."""
    assert call is not None
    digest = hashlib.sha256(b"kit fake listenKey " + call.api_key.encode()).hexdigest()
    return {"listenKey": "kitFake" + digest[:57]}


# What each endpoint does, by name: the product mode (``products``) maps its paths here.
ENDPOINT_RUNS: dict[str, Callable[["ExchangeState", "Call | None"], object]] = {
    "ping": _ping,
    "time": _time,
    "account": _account,
    "order.test": _order_test,
    "order.new": _order_new,
    "order.cancel": _order_cancel,
    "open-orders": _open_orders,
    "listen-key": _listen_key,
    "empty": _ping,  # an empty JSON object: a listenKey kept alive or closed
}


def route(
    method: str, path: str, routes: Mapping[str, Mapping[str, Endpoint]] | None = None
) -> Endpoint:
    """The endpoint for ``method`` on ``path`` (among ``routes``, default Spot's); a -1020
    refusal (404 or 405) otherwise."""
    methods = (_ROUTES if routes is None else routes).get(path)
    if methods is None:
        detail = f"no endpoint at {shown(path, 80)!r}"
        raise Refusal(-1020, MSG_UNSUPPORTED, CHECK_ROUTE, detail, status=404)
    endpoint = methods.get(method)
    if endpoint is None:
        allowed = ", ".join(methods)
        detail = f"{path} answers {allowed}, not {shown(method, 20)}"
        raise Refusal(-1020, MSG_UNSUPPORTED, CHECK_ROUTE, detail, status=405)
    return endpoint
