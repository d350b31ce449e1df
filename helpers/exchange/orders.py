"""Orders, kept in memory per API key and never matched: place, list open, cancel.

What ``POST``/``DELETE /api/v3/order``, ``GET /api/v3/openOrders`` and the WebSocket API's
``order.place`` do once every check passed (REST API, "Account Endpoints"). The replies
have Binance's fields; an order stays ``NEW`` until cancelled. A ``newClientOrderId``
already open → -2010 "Duplicate order sent."; an unknown order to cancel → -2011 "Unknown
order sent." (errors.md). The rest is the kit's simplification (see the assumptions table).
``OrderBook`` is part of the exchange's state (``ExchangeState.orders``); it has its own
lock, so concurrent requests each get their own order id.
"""

import threading
from collections.abc import Mapping

from helpers.exchange.messages import MSG_DUPLICATE_ORDER, MSG_UNKNOWN_ORDER
from helpers.exchange.refusal import Refusal
from helpers.exchange.verdict import CHECK_ENDPOINT


class OrderBook:
    """The open orders of every API key, and the next order id (shared by all keys)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._books: dict[str, list[dict[str, object]]] = {}
        self._next_order_id = 1

    def place(self, api_key: str, params: Mapping[str, str], server_time: int) -> dict[str, object]:
        """A new order from checked ``params``: Binance's reply fields, status ``NEW``."""
        with self._lock:
            book = self._books.setdefault(api_key, [])
            order_id = self._next_order_id
            client_id = params.get("newClientOrderId") or self._default_client_id(book, order_id)
            if any(order["clientOrderId"] == client_id for order in book):
                raise Refusal(
                    -2010,
                    MSG_DUPLICATE_ORDER,
                    CHECK_ENDPOINT,
                    f"an open order already has clientOrderId {client_id!r}",
                )
            self._next_order_id += 1
            order = {
                "symbol": params["symbol"],
                "orderId": order_id,
                "orderListId": -1,
                "clientOrderId": client_id,
                "transactTime": server_time,
                "price": params.get("price", "0"),
                "origQty": params.get("quantity", "0"),
                "executedQty": "0",
                "cummulativeQuoteQty": "0",
                "status": "NEW",
                "timeInForce": params.get("timeInForce", "GTC"),
                "type": params["type"],
                "side": params["side"],
                "workingTime": server_time,
                "selfTradePreventionMode": "NONE",
            }
            book.append(order)
            return dict(order)

    @staticmethod
    def _default_client_id(book: list[dict[str, object]], order_id: int) -> str:
        """``kit-{orderId}``, or with a suffix if a user's own id already took that text:
        an id the kit chooses never collides with an open order's (Binance's default is a
        random string, which does not collide either)."""
        taken = {order["clientOrderId"] for order in book}
        client_id, suffix = f"kit-{order_id}", 1
        while client_id in taken:
            client_id, suffix = f"kit-{order_id}-{suffix}", suffix + 1
        return client_id

    def open_orders(self, api_key: str, symbol: str | None) -> list[dict[str, object]]:
        """``api_key``'s open orders, of ``symbol`` only if given."""
        with self._lock:
            book = self._books.get(api_key, [])
            return [dict(o) for o in book if symbol is None or o["symbol"] == symbol]

    def cancel(
        self, api_key: str, params: Mapping[str, str], server_time: int
    ) -> dict[str, object]:
        """Cancel the order ``params`` name (``orderId`` or ``origClientOrderId``)."""
        if "orderId" in params:
            field_name, wanted = "orderId", params["orderId"]
        else:
            field_name, wanted = "clientOrderId", params["origClientOrderId"]
        with self._lock:
            book = self._books.get(api_key, [])
            for index, order in enumerate(book):
                if order["symbol"] == params["symbol"] and str(order[field_name]) == wanted:
                    del book[index]
                    cancelled = dict(order)
                    break
            else:
                raise Refusal(
                    -2011,
                    MSG_UNKNOWN_ORDER,
                    CHECK_ENDPOINT,
                    f"no open {params['symbol']} order with {field_name} {wanted!r}",
                )
        cancelled.pop("transactTime")
        cancelled.pop("workingTime")
        cancelled["origClientOrderId"] = cancelled["clientOrderId"]
        cancelled["clientOrderId"] = params.get("newClientOrderId", f"kit-cancel-{wanted}")
        cancelled["transactTime"] = server_time
        cancelled["status"] = "CANCELED"
        return cancelled
