"""The local exchange beyond Spot: a product's paths, keys from another place, retired paths.

``LocalExchange(product="usdm-futures")`` stands in for one product and environment
(``ExchangeState.place``). What differs from Spot is data (``helpers/data/products.toml``,
read by ``helpers.keys.products``); what is the same is the whole judging core: the same
parse, checks, timing rule and verifiers, so a request ``helpers.request.sign_request``
signs for ``POST /fapi/v1/order`` is judged exactly as one for ``POST /api/v3/order``.

- ``product_routes(product)``: the REST paths the product mode answers — the product's
  ``public_paths`` (ping, time; no checks) and ``signed_paths`` (an order placed, an order
  tested, an account), real paths from Binance's connector; the endpoints are Spot's
  (``endpoints``), so a futures order is kept and answered in Spot's shape (the model's
  choice, listed in ``product_assumptions``); the futures family's listenKey paths
  (``user_stream_paths``) are USER_STREAM: the API key is checked, no signature.
- ``judge_key(state, values)``: the API-key check, then the key's place. A key registered
  for another product or environment is unknown there: the product's ``wrong_place_code``
  (-2015 on Spot and margin, -2008 "Invalid Api-Key ID." on futures, observed), the
  detail naming both places (the kit's words; Binance's reply has only the code).
- ``retired(product, method, path)``: the listenKey endpoints retired on 2026-02-20 answer
  HTTP 410 with an HTML page, as users observe (``Gone``; no JSON, no Binance code).
"""

from typing import TYPE_CHECKING

from helpers.exchange.checks import judge_api_key
from helpers.exchange.endpoints import ENDPOINT_RUNS, Endpoint
from helpers.exchange.places import products
from helpers.exchange.refusal import Refusal
from helpers.exchange.verdict import CHECK_API_KEY

if TYPE_CHECKING:
    from helpers.exchange.state import ExchangeState

SPOT = "spot"
USER_STREAM = "USER_STREAM"  # API key only, no signature (the futures listenKey)
GONE_HTML = (
    "<html>\r\n<head><title>410 Gone</title></head>\r\n<body>\r\n"
    "<center><h1>410 Gone</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n"
)  # the page users report (issue-gocryptotrader-2190 in products.toml's sources)


class Gone(Exception):
    """A retired path: HTTP 410 and an HTML page, not Binance's JSON error."""

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail


def _split(line: str) -> tuple[str, str]:
    method, _, path = line.partition(" ")
    return method, path


def _run_for(method: str, path: str) -> str:
    """Which of Spot's endpoints a product path is (by its last segment and method)."""
    if path.endswith("/order/test"):
        return "order.test"
    if path.endswith("/order"):
        return "order.new" if method == "POST" else "order.cancel"
    if path.endswith(("/ping", "/time")):
        return path.rsplit("/", 1)[1]
    return "account"


def product_routes(product: str) -> dict[str, dict[str, Endpoint]]:
    """path → method → ``Endpoint`` for ``product`` (Spot's own routes are
    ``endpoints``'; margin shares Spot's host, so it answers Spot's public paths too)."""
    facts = products()[product]
    routes: dict[str, dict[str, Endpoint]] = {}
    for line in facts.fact("public_paths"):
        method, path = _split(line)
        run = ENDPOINT_RUNS[_run_for(method, path)]
        routes.setdefault(path, {})[method] = Endpoint("NONE", run)
    for line in facts.signed_paths:
        method, path = _split(line)
        run = _run_for(method, path)
        security = "USER_DATA" if run == "account" else "TRADE"
        routes.setdefault(path, {})[method] = Endpoint(security, ENDPOINT_RUNS[run])
        if run == "order.new":
            routes[path]["DELETE"] = Endpoint("TRADE", ENDPOINT_RUNS["order.cancel"])
    for line in facts.facts.get("user_stream_paths", ()):
        method, path = _split(line)
        run = ENDPOINT_RUNS["listen-key" if method == "POST" else "empty"]
        routes.setdefault(path, {})[method] = Endpoint(USER_STREAM, run)
    return routes


def retired(product: str, method: str, path: str) -> None:
    """Raise ``Gone`` for a retired listenKey endpoint of ``product``."""
    facts = products()[product]
    if f"{method} {path}" in facts.facts.get("retired_paths", ()):
        raise Gone(
            f"{method} {path} was retired on 2026-02-20 (Spot CHANGELOG, 2026-01-21 entry); "
            f"Binance answers HTTP 410 with an HTML page ({facts.fact('retired_certainty')}: "
            "users report it, the docs do not say). Subscribe on the WebSocket API instead: "
            "userDataStream.subscribe.signature, or userDataStream.subscribe after "
            "session.logon" + (" (margin: a listenToken)" if product == "margin" else "")
        )


def wrong_place_refusal(state: "ExchangeState", api_key: str, why: str) -> Refusal:
    """The refusal for a key unknown to this exchange's place: the product's code and
    message; the detail says where the key belongs when the exchange knows it."""
    facts = products()[state.place[0]]
    code, msg = facts.fact("wrong_place_code"), facts.fact("wrong_place_msg")
    elsewhere = state.key_place(api_key)
    here = f"{state.place[1]} {state.place[0]}"
    if elsewhere is not None and elsewhere != state.place:
        why = (
            f"this key belongs to {elsewhere[1]} {elsewhere[0]}; this exchange stands in for "
            f"{here}. A key is known only in the environment it was made in"
        )
    certainty = facts.fact("wrong_place_certainty")
    return Refusal(code, msg, CHECK_API_KEY, f"{why} ({here} answers {code}: {certainty})")


def judge_key(state: "ExchangeState", values: tuple[str, ...]) -> tuple[str, object]:
    """``checks.judge_api_key``, then the key's place: an unknown key, or one registered
    for another product or environment, gets the product's ``wrong_place`` refusal."""
    try:
        return judge_api_key(state.key_for, values)
    except Refusal as exc:
        if exc.code != -2015:
            raise
        if state.place[0] == SPOT and state.key_place(values[0]) is None:
            raise  # Spot, a key registered nowhere: the check's own refusal
        raise wrong_place_refusal(state, values[0], exc.detail) from None
