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
"""

from helpers.exchange.places import (
    APIS,
    ENVIRONMENTS,
    PRODUCT_NAMES,
    Place,
    Product,
    UrlRow,
    products,
    sources,
    url_rows,
    which_product,
)

__all__ = [
    "APIS", "ENVIRONMENTS", "PRODUCT_NAMES", "Place", "Product", "UrlRow", "products",
    "sources", "url_rows", "which_product", "wrong_place",
]  # fmt: skip


def wrong_place(key_place: Place | tuple[str, str], url: str) -> str | None:
    """The clinic's sentence when a key made for ``key_place`` (a ``Place``, or
    ``(product, environment)``) is sent to ``url``: where each belongs and what Binance
    answers there, labelled. ``None`` when they agree, or when ``url`` is not a listed one.
    """
    product, environment = key_place[0], key_place[1]
    if product not in PRODUCT_NAMES or environment not in ENVIRONMENTS:
        raise ValueError(f"key_place: expected (product, environment), got {key_place!r}")
    place = which_product(url)
    if place is None or (place.product, place.environment) == (product, environment):
        return None
    answer = products()[place.product]
    code, msg = answer.fact("wrong_place_code"), answer.fact("wrong_place_msg")
    certainty = answer.fact("wrong_place_certainty")
    return (
        f"this key belongs to {environment} {product}; this URL is {place}. Keys are made "
        f'for one product and environment: there it answers {code} "{msg}" '
        f"({certainty}: {answer.fact('wrong_place_where')})."
    )
