"""The choices the local exchange makes beyond Spot, as rows of the assumptions table.

Same shape as ``assumptions.ASSUMPTIONS`` — (behaviour, choice, source) — for the lead to
join there. Non-Spot sources are named by URL or by the id of their source in
``helpers/data/products.toml`` (its ``[source.*]`` tables give commit or date).
"""

PRODUCT_ASSUMPTIONS: tuple[tuple[str, str, str], ...] = (
    (
        "Products other than Spot",
        "`LocalExchange(product=...)` answers that product's real paths (e.g. `POST "
        "/fapi/v1/order`, `GET /fapi/v3/account`) with Spot's checks, timing rule, "
        "verifiers and recvWindow limit (60000), and Spot's order and account shapes.",
        "Paths: binance-connector-python, clients/*/rest_api/api/*.py (commit 29da329, "
        "2026-08-21). The connector signs every product the same way (common/src/"
        "binance_common/utils.py, send_request and get_signature). Each product's own "
        "limits: not in the sources read (model's choice).",
    ),
    (
        "A key from another product or environment",
        "Keys are registered for a (product, environment). Sent to another environment (or "
        "the other testnet site), the key is unknown there: -2015 on Spot and margin, -2008 "
        '"Invalid Api-Key ID." on the futures family, HTTP 401; the detail names both '
        "places (Binance's reply has the code only). Sent to another product of the same "
        "environment, it is accepted: on live one key serves every product its permissions "
        "enable, and product permissions are not modelled.",
        "-2015 for Spot: errors.md (the code); users' reports (the mix-up). -2008 on "
        "USDⓈ-M futures: observed, https://github.com/ccxt/ccxt/issues/29099 (2026-07-04), "
        "https://github.com/sammchardy/python-binance/issues/1407 (2024-03-22). COIN-M, "
        "Portfolio Margin, Options and the HTTP status: model's choice. One live key for "
        "every product its permissions enable: documented, "
        "https://developers.binance.com/docs/wallet/endpoints/api-key-permission (read "
        "2026-12-07); the same in Demo Mode and across the futures testnet: model's choice.",
    ),
    (
        "Retired listenKey endpoints",
        "`POST/PUT/DELETE /api/v3/userDataStream` (and margin's `/sapi/v1/userDataStream`) "
        "answer HTTP 410 with nginx's HTML page, no JSON code. The WebSocket API's "
        "`userDataStream.start/ping/stop` answer -1020.",
        "Retired 2026-02-20: Spot CHANGELOG.md, 2026-01-21 entry (documented). HTTP 410: "
        "observed, https://github.com/thrasher-corp/gocryptotrader/issues/2190 (2026-02-24). "
        "The WebSocket methods' answer: model's choice.",
    ),
    (
        "The futures listenKey",
        "`POST/PUT/DELETE /fapi/v1/listenKey` (and `/dapi`, `/papi`, `/eapi`) are "
        "USER_STREAM: the API key is checked, no signature; POST answers a fixed fake "
        "listenKey per API key, PUT and DELETE `{}`. No stream follows.",
        "The paths: binance-connector-python, clients/*/rest_api/api/user_data_streams_api.py "
        "(commit 29da329). Futures keep the listenKey: "
        "https://github.com/oliver-zehentleitner/unicorn-binance-websocket-api/pull/411 "
        "(observed, 2026-04-08). The fake value and the answers to PUT/DELETE: model's choice.",
    ),
    (
        "User-data subscription",
        "`userDataStream.subscribe.signature` is judged as any signed WebSocket request "
        "(apiKey, timestamp, optional recvWindow, signature); `userDataStream.subscribe` "
        "needs `session.logon`, else -1002. One subscription per account: subscribing "
        "again answers the open one's id. No events are sent.",
        "web-socket-api.md, User Data Stream requests (documented: the methods, one "
        "subscription per account and connection); recvWindow: CHANGELOG.md, 2026-01-26 "
        "entry. -1002 and the repeated subscription's answer: model's choice.",
    ),
)
