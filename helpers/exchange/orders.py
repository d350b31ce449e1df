"""Orders, kept in memory per API key and never matched: place, list open, cancel.

What ``POST``/``DELETE /api/v3/order``, ``GET /api/v3/openOrders`` and the WebSocket API's
``order.place`` do once every check passed (REST API, "Account endpoints"). The replies
have Binance's fields; an order stays ``NEW`` until cancelled. A ``newClientOrderId``
already open → -2010 "Duplicate order sent."; an unknown order to cancel → -2011 "Unknown
order sent." (errors.md). The rest is the kit's simplification (see the assumptions table).
"""

from typing import TYPE_CHECKING

from helpers.exchange.refusal import _Refusal
from helpers.exchange.verdict import CHECK_ENDPOINT
from helpers.exchange.wire import MSG_DUPLICATE_ORDER, MSG_UNKNOWN_ORDER

if TYPE_CHECKING:
    from helpers.exchange.endpoints import _Call
    from helpers.exchange.local_exchange import LocalExchange


def _place_order(exchange: "LocalExchange", call: "_Call") -> dict[str, object]:
    params = call.params
    with exchange._lock:
        book = exchange._orders.setdefault(call.api_key, [])
        order_id = exchange._next_order_id
        client_id = params.get("newClientOrderId", f"kit-{order_id}")
        if any(order["clientOrderId"] == client_id for order in book):
            raise _Refusal(
                -2010,
                MSG_DUPLICATE_ORDER,
                CHECK_ENDPOINT,
                f"an open order already has clientOrderId {client_id!r}",
            )
        exchange._next_order_id += 1
        order = {
            "symbol": params["symbol"],
            "orderId": order_id,
            "orderListId": -1,
            "clientOrderId": client_id,
            "transactTime": call.server_time,
            "price": params.get("price", "0"),
            "origQty": params.get("quantity", "0"),
            "executedQty": "0",
            "cummulativeQuoteQty": "0",
            "status": "NEW",
            "timeInForce": params.get("timeInForce", "GTC"),
            "type": params["type"],
            "side": params["side"],
            "workingTime": call.server_time,
            "selfTradePreventionMode": "NONE",
        }
        book.append(order)
        return dict(order)


def _open_orders(exchange: "LocalExchange", call: "_Call") -> list[dict[str, object]]:
    symbol = call.params.get("symbol")
    with exchange._lock:
        book = exchange._orders.get(call.api_key, [])
        return [dict(o) for o in book if symbol is None or o["symbol"] == symbol]


def _cancel_order(exchange: "LocalExchange", call: "_Call") -> dict[str, object]:
    params = call.params
    if "orderId" in params:
        field_name, wanted = "orderId", params["orderId"]
    else:
        field_name, wanted = "clientOrderId", params["origClientOrderId"]
    with exchange._lock:
        book = exchange._orders.get(call.api_key, [])
        for index, order in enumerate(book):
            if order["symbol"] == params["symbol"] and str(order[field_name]) == wanted:
                del book[index]
                cancelled = dict(order)
                break
        else:
            raise _Refusal(
                -2011,
                MSG_UNKNOWN_ORDER,
                CHECK_ENDPOINT,
                f"no open {params['symbol']} order with {field_name} {wanted!r}",
            )
    cancelled.pop("transactTime")
    cancelled.pop("workingTime")
    cancelled["origClientOrderId"] = cancelled["clientOrderId"]
    cancelled["clientOrderId"] = params.get("newClientOrderId", f"kit-cancel-{wanted}")
    cancelled["transactTime"] = call.server_time
    cancelled["status"] = "CANCELED"
    return cancelled
