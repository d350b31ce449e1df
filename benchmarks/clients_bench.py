"""The popular clients' signing path, timed: what one signed order costs through each library.

Used by ``benchmarks/bench.py`` (``make bench``), which prints the ratios. Each client is
driven through its own public call with the HTTP layer stubbed (``helpers.clients.stubs``
``RecordingAdapter``), the client and its session built once, outside the timed call; so a
client's figure includes the request preparation its signing is part of, as a learner's
call does. Two floors are timed alongside: ``urlencode(..., quote_via=quote)`` +
``hmac.new``, and the kit's ``query_string`` + ``hmac_sha256_hex``.
"""

import hashlib
import hmac
import urllib.parse
from collections.abc import Callable

from measure import interleaved

from helpers.clients import ccxt, python_binance, sdk
from helpers.clients.libraries import (
    CLIENTS,
    PYTHON_BINANCE,
    SDK,
    quiet,
    quiet_import,
    validate_client,
)
from helpers.clients.orders import ORDER_TEST_PATH
from helpers.clients.stubs import RecordingAdapter
from helpers.examples import EXAMPLE_SECRET_KEY, EXAMPLE_TIMESTAMP
from helpers.params import query_string
from helpers.signing import hmac_sha256_hex

# A typical 8-parameter order (timestamp is the 8th; each signer adds it itself).
TYPICAL_ORDER = (
    ("symbol", "BTCUSDT"),
    ("side", "BUY"),
    ("type", "LIMIT"),
    ("timeInForce", "GTC"),
    ("quantity", "0.01000000"),
    ("price", "52000.00"),
    ("recvWindow", 5000),
)


def helpers_signer(params: dict) -> Callable[[], object]:
    pairs = [*params.items(), ("timestamp", EXAMPLE_TIMESTAMP)]

    def sign() -> str:
        return hmac_sha256_hex(EXAMPLE_SECRET_KEY, query_string(pairs))

    return sign


def floor_signer(params: dict) -> Callable[[], object]:
    pairs = [*params.items(), ("timestamp", EXAMPLE_TIMESTAMP)]
    key = EXAMPLE_SECRET_KEY.encode()

    def sign() -> str:
        payload = urllib.parse.urlencode(pairs, quote_via=urllib.parse.quote)
        return hmac.new(key, payload.encode(), hashlib.sha256).hexdigest()

    return sign


def client_signer(client: str, params: dict) -> Callable[[], object]:
    """One signed ``POST /api/v3/order/test`` through ``client``'s own public call, HTTP
    stubbed; the client and its session are built once, outside the timed call."""
    if validate_client(client) == SDK:
        utils = quiet_import("binance_common.utils")
        api, config = sdk.rest_api()
        session = api._session

        def call() -> object:
            return utils.send_request(
                session, config, "POST", ORDER_TEST_PATH, dict(params), None, is_signed=True
            )

    elif client == PYTHON_BINANCE:
        binance_client = python_binance.client()
        session = binance_client.session

        def call() -> object:
            return binance_client.create_test_order(**params)

    else:
        exchange = ccxt.exchange()
        session = exchange.session

        def call() -> object:
            return exchange.private_post_order_test(dict(params))

    recorder = RecordingAdapter().mount_on(session)

    def sign() -> object:
        recorder.sent.clear()
        return call()

    return sign


def time_signing(
    params: object = TYPICAL_ORDER, *, repeat: int = 7, number: int = 200
) -> dict[str, float]:
    """Median seconds per signed request, per signer, measured in this process.

    Signers: ``"floor"``, ``"helpers"``, then each client (``binance_common.utils.
    send_request``, ``Client.create_test_order``, ``private_post_order_test``).
    ``params`` get a ``timestamp`` from each signer (8 parameters by default). The signers
    are interleaved: each of ``repeat`` rounds times ``number`` calls of every signer in
    turn; the result is the median of the rounds divided by ``number``.
    """
    if repeat < 1 or number < 1:
        raise ValueError("repeat and number must be at least 1")
    order = dict(params)
    with quiet():
        signers = {"floor": floor_signer(order), "helpers": helpers_signer(order)}
        signers.update({client: client_signer(client, order) for client in CLIENTS})
        for sign in signers.values():  # warm up: imports, caches, first allocations
            sign()
        return interleaved(signers, repeat, number)
