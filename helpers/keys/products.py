"""Which product, environment and API a URL belongs to, and whether a key belongs there.

- ``which_product(url)`` → ``Place(product, environment, api)`` or ``None``: every
  product's URL (``helpers/data/products.toml``, read by ``helpers.exchange.places``, where
  the matching rules are written). ``which_environment`` (``environments``) keeps its
  Spot answers.
- ``wrong_place(key_place, url)``: the key clinic's sentence when a key made for one
  product and environment is sent to another's URL — "this key belongs to demo
  usdm-futures; this URL is live spot (rest)" — with the code Binance answers there and
  that answer's certainty (documented / observed / model); ``None`` when the places agree
  or the URL is not a listed one.
- ``key_known_there(key_place, place)``: ``True``, ``False``, or ``None`` when the sources
  cannot tell (another product of the same live or demo environment); ``cannot_tell``
  says why in a sentence.
- ``key_place_of(key_place)``: ``(product, environment)`` from a ``Place`` or a pair in
  either order (``("demo", "usdm-futures")``), or ``None``; the doctor and the clinic
  read their ``key_place=`` with it.
"""

from helpers.exchange.places import (
    APIS,
    ENVIRONMENTS,
    FUTURES_TESTNET_SITE,
    PRODUCT_NAMES,
    Place,
    Product,
    UrlRow,
    known_in,
    products,
    sources,
    url_rows,
    which_product,
)

__all__ = [
    "APIS", "ENVIRONMENTS", "PRODUCT_NAMES", "Place", "Product", "UrlRow", "products",
    "KEY_PERMISSIONS_SOURCE", "cannot_tell", "key_known_there", "key_place_of", "sources",
    "url_rows", "which_product", "wrong_place",
]  # fmt: skip


def key_place_of(key_place: object) -> tuple[str, str] | None:
    """``(product, environment)`` from a ``Place`` or a pair in either order
    (``("demo", "usdm-futures")`` or ``("usdm-futures", "demo")``: the names do not
    overlap); ``None`` stays ``None``. Anything else is refused, naming the names."""
    if key_place is None:
        return None
    pair = tuple(key_place)[:2] if isinstance(key_place, (tuple, list)) else ()
    products_named = [p for p in pair if p in PRODUCT_NAMES]
    environments = [e for e in pair if e in ENVIRONMENTS]
    if len(pair) != 2 or len(products_named) != 1 or len(environments) != 1:
        raise ValueError(
            f"key_place: expected (product, environment), got {key_place!r}; products: "
            f"{', '.join(PRODUCT_NAMES)}; environments: {', '.join(ENVIRONMENTS)}"
        )
    return products_named[0], environments[0]


# Where a key is known, as far as the sources tell (``key_known_there``):
# - in the environment it was made in only: live, testnet and demo keys are made on
#   different sites, and users report a key sent to another environment's URL refused
#   (products.toml: wrong_place_*, observed);
# - on testnet, Spot Testnet (testnet.binance.vision) and the futures testnet
#   (testnet.binancefuture.com) are separate sites, each making its own keys
#   (testnet/general-info.md → "How can I use the Spot Test Network?", step 1; the
#   derivatives Quick Start's "Futures Testnet" points to its own key set-up);
# - on live, one account's key serves every product its permissions enable
#   (enableSpotAndMarginTrading, enableFutures, enableVanillaOptions,
#   enablePortfolioMarginTrading: KEY_PERMISSIONS_SOURCE, documented), so another live
#   product's URL is a question of permissions, not of an unknown key;
# - in Demo Mode, whether one key serves Spot and futures is not documented.
KEY_PERMISSIONS_SOURCE = (
    "https://developers.binance.com/docs/wallet/endpoints/api-key-permission "
    "(GET /sapi/v1/account/apiRestrictions, read 2026-12-07)"
)
_CANNOT_TELL = {
    "live": (
        "on live, one account's key serves every product its permissions enable "
        f"(enableFutures, enableSpotAndMarginTrading, ...: documented, {KEY_PERMISSIONS_SOURCE}): "
        "a refusal there may be a permission this key lacks"
    ),
    "demo": "whether one Demo Mode key serves both Spot and futures is not documented",
    "testnet": (
        f"both are on the futures testnet's site ({FUTURES_TESTNET_SITE}); whether one "
        "key serves both is not documented"
    ),
}


def key_known_there(key_place: object, place: Place) -> bool | None:
    """Can a key made for ``key_place`` be known at ``place`` (a URL's)? ``True``: the same
    place; ``False``: no (another environment, or the other testnet site); ``None``: the
    sources do not tell (another product of the same environment; see above). The rule is
    ``helpers.exchange.places.known_in``, which the local exchange applies too."""
    return known_in(key_place_of(key_place), (place.product, place.environment))


def cannot_tell(key_place: object, place: Place) -> str:
    """Why ``key_known_there`` is ``None`` for this pair, in a sentence."""
    product, environment = key_place_of(key_place)
    return (
        f"the key was made for {environment} {product}, this URL is {place}: "
        f"{_CANNOT_TELL[environment]}"
    )


def wrong_place(key_place: Place | tuple[str, str], url: str) -> str | None:
    """The clinic's sentence when a key made for ``key_place`` (a ``Place``, or
    ``(product, environment)`` in either order) is sent to ``url`` and cannot be known
    there (``key_known_there``): where each belongs and what Binance answers there,
    labelled. ``None`` when they agree, when the sources cannot tell (``cannot_tell``), or
    when ``url`` is not a listed one.
    """
    if key_place is None:
        raise ValueError("key_place: expected (product, environment), got None")
    product, environment = key_place_of(key_place)
    place = which_product(url)
    if place is None or key_known_there(key_place, place) is not False:
        return None
    answer = products()[place.product]
    code, msg = answer.fact("wrong_place_code"), answer.fact("wrong_place_msg")
    certainty = answer.fact("wrong_place_certainty")
    why = (
        "A key is known only in the environment it was made in"
        if environment != place.environment
        else "Spot Testnet and the futures testnet are separate sites, each making its own keys"
    )
    return (
        f"this key belongs to {environment} {product}; this URL is {place}. {why}: there "
        f'it answers {code} "{msg}" ({certainty}: {answer.fact("wrong_place_where")}).'
    )
