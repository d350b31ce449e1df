"""Notebook 14's exercises as functions: ``place_of`` a URL, and ``subscribe_params``.

Both are judged on inputs other than the notebook's worked examples, so nothing copied from
a cell above passes; a wrong answer is shown beside the expected one, first difference
marked. The right answers are literals: the places written by hand from
``helpers/data/products.toml``'s sources, the signatures computed once with ``hmac`` and
``hashlib`` (tests/beyond re-derives them).

- ``check_place_of(place_of)``: ``place_of(url, places)`` → ``(product, environment)`` or
  ``None``, ``places`` being ``PLACES`` (base URL with its path prefix, product,
  environment). Scheme, host and port exact; the path decides on a shared host.
- ``check_subscribe_params(subscribe_params)``: the params of a
  ``userDataStream.subscribe.signature`` request, HMAC-signed (WebSocket API payload:
  sorted by name, values raw, ``recvWindow`` only when given).
"""

from helpers.exercises import feedback as fb

__all__ = ["PLACES", "check_place_of", "check_subscribe_params"]

# (base URL with the product's path prefix, product, environment): REST only.
PLACES = (
    ("https://api.binance.com/api", "spot", "live"),
    ("https://api.binance.com/sapi", "margin", "live"),
    ("https://testnet.binance.vision/api", "spot", "testnet"),
    ("https://demo-api.binance.com/api", "spot", "demo"),
    ("https://fapi.binance.com/fapi", "usdm-futures", "live"),
    ("https://testnet.binancefuture.com/fapi", "usdm-futures", "testnet"),
    ("https://demo-fapi.binance.com/fapi", "usdm-futures", "demo"),
    ("https://dapi.binance.com/dapi", "coinm-futures", "live"),
    ("https://testnet.binancefuture.com/dapi", "coinm-futures", "testnet"),
    ("https://papi.binance.com/papi", "portfolio-margin", "live"),
    ("https://eapi.binance.com/eapi", "options", "live"),
)

NOT_LISTED = "None (not one of the places)"  # how a None answer is shown and compared
PLACE_CASES = (
    ("https://api.binance.com/sapi/v1/margin/order", ("margin", "live")),
    ("https://api.binance.com/api/v3/account", ("spot", "live")),
    ("https://testnet.binancefuture.com/dapi/v1/order", ("coinm-futures", "testnet")),
    ("https://testnet.binancefuture.com/fapi/v3/account", ("usdm-futures", "testnet")),
    ("https://demo-fapi.binance.com/fapi/v1/order", ("usdm-futures", "demo")),
    ("https://PAPI.binance.com/papi/v1/um/order", ("portfolio-margin", "live")),
    ("https://fapi.binance.com.evil.example/fapi/v1/order", None),
    ("https://evil.example/?https://fapi.binance.com/fapi/v1/order", None),
    ("http://fapi.binance.com/fapi/v1/order", None),
    ("https://fapi.binance.com/api/v3/order", None),
    ("https://api.binance.com/sapix/v1/order", None),
)

# (api_key, secret, timestamp, recv_window) → the params, signature = HMAC-SHA256 hex of
# the sorted payload (written out in tests/beyond/test_nb14_checks.py).
SUBSCRIBE_CASES = (
    (("KitFakeUserStreamKey1", "KitFakeSecretA", 1700000000000, None),
     {"apiKey": "KitFakeUserStreamKey1", "timestamp": 1700000000000,
      "signature": "37e8beebddc1d79ab4254956369e38f548c10079867084fc6ad0fc9c20410552"}),
    (("KitFakeUserStreamKey2", "KitFakeSecretB", 1700000123456, 5000),
     {"apiKey": "KitFakeUserStreamKey2", "recvWindow": 5000, "timestamp": 1700000123456,
      "signature": "f5cfbb36acf4699f42418300547158cd5635a77360c280a72f4dc31e94e791f8"}),
    (("KitFakeUserStreamKey3", "KitFakeSecretC", 1700000999999, 30000),
     {"apiKey": "KitFakeUserStreamKey3", "recvWindow": 30000, "timestamp": 1700000999999,
      "signature": "7be4d9a6e39f6cf8a234d64b73d4e0924fe39f105e871803870b7928c117e20a"}),
)  # fmt: skip


def _place_why(args: tuple, got: object) -> str:
    url = args[0]
    if got is not None and (".evil." in url or "?" in url or url.startswith("http:")):
        return "Compare the scheme and the host exactly (urllib.parse.urlsplit), not as text."
    if any(c.isupper() for c in url.split("/")[2]):
        return "Host names compare in any case: urlsplit(url).hostname is lower-case."
    if "/sapix/" in url or "/api/v3/" in url and "fapi." in url:
        return "A path belongs to a base only at a / boundary, and only on its own host."
    return "On a shared host the path prefix decides: /api, /sapi, /fapi, /dapi."


def check_place_of(func: object) -> fb.Feedback:
    """Exercise 14.1: ``func(url, places)`` → (product, environment) or ``None``."""

    answered = []  # None is a right answer, once the function has answered a place

    def with_places(url):
        got = func(url, PLACES)
        if got is None:
            return NOT_LISTED if answered else None
        answered.append(url)
        return tuple(got) if isinstance(got, list) else got

    with_places.__name__ = "place_of"
    return fb.try_cases(
        with_places if callable(func) else func,
        [((url,), NOT_LISTED if want is None else want) for url, want in PLACE_CASES],
        name="place_of",
        stage="place",
        todo="Write place_of(url, places) in the cell above, then run this cell.",
        passed="Every URL placed: the host matched exactly, the path prefix deciding on\n"
        "api.binance.com and testnet.binancefuture.com, the look-alikes refused.",
        why=_place_why,
    )


def _subscribe_why(args: tuple, got: object) -> str:
    if isinstance(got, dict) and args[3] is not None and "recvWindow" not in got:
        return "recvWindow, when given, is a param too: sent and signed."
    if isinstance(got, dict) and isinstance(got.get("signature"), str):
        return (
            "Sign every param but signature, sorted by name (apiKey, recvWindow, timestamp), "
            "name=value joined by &, values as they are."
        )
    return "Return the params as a dict: apiKey, timestamp, recvWindow if given, signature."


def check_subscribe_params(func: object) -> fb.Feedback:
    """Exercise 14.2: ``func(api_key, secret, timestamp, recv_window)`` → the params."""
    return fb.try_cases(
        func,
        SUBSCRIBE_CASES,
        name="subscribe_params",
        stage="payload",
        todo="Write subscribe_params(api_key, secret, timestamp, recv_window) above.",
        passed="Every subscription signed as the WebSocket API wants it: the params sorted\n"
        "by name, recvWindow in the payload when sent, HMAC-SHA256 in hex.",
        why=_subscribe_why,
    )
