"""Step 4: the REST paths this model answers, and what each endpoint does once checks pass.

Binance Spot REST paths (REST API, "General endpoints" and "Account endpoints"): ping,
time, a fixed fake account, and orders (``orders``). Each path has its security type
(REST API, "Endpoint security type"): NONE endpoints skip the checks; TRADE and USER_DATA
ones are SIGNED. ``_route`` answers an unknown path with 404 and a method the path does not
take with 405, both -1020 (errors.md, UNSUPPORTED_OPERATION). An order's fields are checked
here, after the signature (-1102 when missing, -1100 for a decimal not in plain notation).
"""

import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from helpers.exchange import orders
from helpers.exchange.refusal import _Refusal
from helpers.exchange.verdict import CHECK_ENDPOINT, CHECK_ROUTE
from helpers.exchange.wire import MSG_UNSUPPORTED, _mandatory, _shown

if TYPE_CHECKING:
    from helpers.exchange.local_exchange import LocalExchange


@dataclass(frozen=True)
class _Call:
    """What a SIGNED endpoint gets once every check passed."""

    params: Mapping[str, str]
    api_key: str
    server_time: int


@dataclass(frozen=True)
class _Endpoint:
    security: str  # NONE, TRADE or USER_DATA (REST API, Endpoint security type)
    run: Callable[["LocalExchange", "_Call | None"], object]


def _require(params: Mapping[str, str], names: tuple[str, ...]) -> None:
    for name in names:
        if name not in params:
            raise _Refusal(-1102, _mandatory(name), CHECK_ENDPOINT, f"the endpoint needs {name!r}")


_ORDER_FIELDS = ("symbol", "side", "type")
_DECIMAL_FIELDS = ("quantity", "quoteOrderQty", "price", "stopPrice")
# errors.md, -1100 ILLEGAL_CHARS: "Illegal characters found in parameter '%s'; legal range
# is '%s'." The range below is the one Binance names for its decimal parameters.
DECIMAL_LEGAL_RANGE = r"^([0-9]{1,20})(\.[0-9]{1,20})?$"
_DECIMAL_FORMAT = re.compile(DECIMAL_LEGAL_RANGE)


def _check_order(params: Mapping[str, str]) -> None:
    """The order fields this model checks: present, and decimals in plain notation."""
    _require(params, _ORDER_FIELDS)
    for name in _DECIMAL_FIELDS:
        value = params.get(name)
        if value is not None and not _DECIMAL_FORMAT.match(value):
            raise _Refusal(
                -1100,
                f"Illegal characters found in parameter '{name}'; legal range is "
                f"'{DECIMAL_LEGAL_RANGE}'.",
                CHECK_ENDPOINT,
                f"{name} {_shown(value, 40)!r} is not a plain decimal (a float's '1e-05'?)",
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


def _ping(exchange: "LocalExchange", call: _Call | None) -> object:
    return {}


def _time(exchange: "LocalExchange", call: _Call | None) -> object:
    return {"serverTime": exchange._now_ms()}


def _account(exchange: "LocalExchange", call: _Call | None) -> object:
    return json.loads(json.dumps(_FAKE_ACCOUNT))  # a fresh copy


def _order_test(exchange: "LocalExchange", call: _Call | None) -> object:
    assert call is not None
    _check_order(call.params)
    return {}


def _order_new(exchange: "LocalExchange", call: _Call | None) -> object:
    assert call is not None
    _check_order(call.params)
    return orders._place_order(exchange, call)


def _open_orders(exchange: "LocalExchange", call: _Call | None) -> object:
    assert call is not None
    return orders._open_orders(exchange, call)


def _order_cancel(exchange: "LocalExchange", call: _Call | None) -> object:
    assert call is not None
    _require(call.params, ("symbol",))
    if "orderId" not in call.params and "origClientOrderId" not in call.params:
        raise _Refusal(
            -1102,
            "Param 'origClientOrderId' or 'orderId' must be sent, but both were empty/null!",
            CHECK_ENDPOINT,
            "say which order to cancel",
        )
    return orders._cancel_order(exchange, call)


# Binance Spot REST paths (REST API, General endpoints and Account endpoints).
_ROUTES: dict[str, dict[str, _Endpoint]] = {
    "/api/v3/ping": {"GET": _Endpoint("NONE", _ping)},
    "/api/v3/time": {"GET": _Endpoint("NONE", _time)},
    "/api/v3/account": {"GET": _Endpoint("USER_DATA", _account)},
    "/api/v3/order/test": {"POST": _Endpoint("TRADE", _order_test)},
    "/api/v3/order": {
        "POST": _Endpoint("TRADE", _order_new),
        "DELETE": _Endpoint("TRADE", _order_cancel),
    },
    "/api/v3/openOrders": {"GET": _Endpoint("USER_DATA", _open_orders)},
}


def _route(method: str, path: str) -> _Endpoint:
    methods = _ROUTES.get(path)
    if methods is None:
        detail = f"no endpoint at {_shown(path, 80)!r}"
        raise _Refusal(-1020, MSG_UNSUPPORTED, CHECK_ROUTE, detail, status=404)
    endpoint = methods.get(method)
    if endpoint is None:
        allowed = ", ".join(methods)
        detail = f"{path} answers {allowed}, not {_shown(method, 20)}"
        raise _Refusal(-1020, MSG_UNSUPPORTED, CHECK_ROUTE, detail, status=405)
    return endpoint
