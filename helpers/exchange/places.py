"""Binance products beyond Spot: which product, environment and API a URL belongs to.

(The data and the matching live here, in ``helpers.exchange``, so the local exchange can
read them without loading the key clinic; ``helpers.keys.products`` is their public face.)

The data is ``helpers/data/products.toml`` (every product × environment × API URL with
its source, and each product's signing facts, labelled documented / connector / observed /
model); this module reads it once and answers:

- ``which_product(url)`` → ``Place(product, environment, api)`` or ``None``. The scheme,
  host and port must be exactly a listed URL's (``fapi.binance.com.evil.example`` and
  ``http://`` are ``None``). Where a host is shared the path decides: on
  ``api.binance.com`` ``/sapi/...`` is ``margin`` and ``/api/...`` is ``spot``; on
  ``testnet.binancefuture.com`` ``/fapi`` and ``/ws-fapi/v1`` are USDⓈ-M, ``/dapi`` and
  ``/ws-dapi/v1`` COIN-M; ``/papi/v1/um/...`` is ``portfolio-margin``. A REST path outside
  the product's prefix (``https://fapi.binance.com/api/v3/order``) is ``None``; a bare host
  is the product of its ``bare`` row (Spot's ``https://api.binance.com``), else ``None``.
- ``PRODUCTS`` (name → ``Product``, its facts) and ``URLS`` (every ``UrlRow``).

``which_environment`` (``environments``) keeps its Spot answers; this module does not
change them.
"""

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import NamedTuple
from urllib.parse import urlsplit

PRODUCT_NAMES = ("spot", "margin", "usdm-futures", "coinm-futures", "portfolio-margin",
                 "options")  # fmt: skip
ENVIRONMENTS = ("live", "testnet", "demo")
APIS = ("rest", "ws-api", "streams")
_DEFAULT_PORT = {"https": 443, "wss": 443}


class Place(NamedTuple):
    """Where a URL (or a key) belongs: a product, an environment, an API kind."""

    product: str
    environment: str
    api: str

    def __str__(self) -> str:
        return f"{self.environment} {self.product} ({self.api})"


@dataclass(frozen=True)
class UrlRow:
    """One listed URL: its place, the URL as its source writes it (``base``), the URL
    ``which_product`` matches (``url``: a REST row's base with its product's path prefix),
    and its source (an id of ``sources()``, and where in it)."""

    place: Place
    base: str
    bare: bool
    source: str
    where: str
    url: str = ""


@dataclass(frozen=True)
class Product:
    """One product's signing facts (see products.toml for each field's meaning)."""

    name: str
    title: str
    path_prefix: str
    signed_paths: tuple[str, ...]
    facts: dict  # every other field of the product's table, as read

    def fact(self, name: str) -> object:
        return self.facts[name]


def url_parts(url: str) -> tuple[str, str, int, str] | None:
    """(scheme, host, port, path) of ``url``, or ``None`` if it cannot be read or has a
    ``user@`` part: what a URL is matched on, exactly (the default port filled in)."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        return None
    if parts.username or parts.password or not parts.hostname:
        return None
    scheme = parts.scheme.lower()
    port = port if port is not None else _DEFAULT_PORT.get(scheme, 0)
    return scheme, parts.hostname.lower(), port, parts.path


def _row_url(api: str, base: str, prefix: str) -> str:
    """The URL a listed row matches: a REST row's base plus its product's path prefix
    (unless the source already wrote it), else the base as written."""
    base = base.rstrip("/")
    return base + prefix if api == "rest" and not base.endswith(prefix) else base


@cache
def _data() -> tuple[dict[str, Product], tuple[UrlRow, ...], dict[str, dict]]:
    text = resources.files("helpers").joinpath("data", "products.toml").read_text("utf-8")
    data = tomllib.loads(text)
    products = {}
    for name, table in data["product"].items():
        facts = {k: v for k, v in table.items()
                 if k not in ("title", "path_prefix", "signed_paths")}  # fmt: skip
        products[name] = Product(name, table["title"], table["path_prefix"],
                                 tuple(table["signed_paths"]), facts)  # fmt: skip
    rows = tuple(
        UrlRow(
            Place(r["product"], r["environment"], r["api"]),
            r["base"],
            r.get("bare", False),
            r["source"],
            r["where"],
            _row_url(r["api"], r["base"], products[r["product"]].path_prefix),
        )  # fmt: skip
        for r in data["url"]
    )
    return products, rows, data["source"]


def products() -> dict[str, Product]:
    """Every product's facts, by name."""
    return dict(_data()[0])


def url_rows() -> tuple[UrlRow, ...]:
    """Every listed URL, in the data file's order."""
    return _data()[1]


def sources() -> dict[str, dict]:
    """Every source the data names, by id (kind, what, commit or url, date)."""
    return dict(_data()[2])


@cache
def _index() -> dict[tuple[str, str, int], list[tuple[str, UrlRow]]]:
    """(scheme, host, port) → [(path, row)], longest path first."""
    index: dict[tuple[str, str, int], list[tuple[str, UrlRow]]] = {}
    for row in url_rows():
        scheme, host, port, path = url_parts(row.url)
        index.setdefault((scheme, host, port), []).append((path, row))
    for rows in index.values():
        rows.sort(key=lambda item: -len(item[0]))
    return index


def which_product(url: str) -> Place | None:
    """``Place(product, environment, api)`` for a URL on one of the listed Binance URLs,
    else ``None`` (see the module's docstring for the matching rules)."""
    if not isinstance(url, str):
        raise TypeError(f"url: expected str, got {type(url).__name__}")
    where = url_parts(url)
    if where is None:
        return None
    scheme, host, port, path = where
    candidates = _index().get((scheme, host, port), [])
    path = path.rstrip("/")
    for row_path, row in candidates:  # longest path first; a streams host takes any path
        if not row_path or path == row_path or path.startswith(row_path + "/"):
            return row.place
    if path == "":  # a bare host: its bare row's, or the one place the host serves
        places = {row.place for _, row in candidates}
        bare = {row.place for _, row in candidates if row.bare}
        for found in (bare, places):
            if len(found) == 1:
                return found.pop()
    return None


# Where a key is known, as far as the sources tell (helpers.keys.products explains each
# case and its source): only in the environment it was made in, and on testnet only on the
# site that made it (Spot Testnet for spot and margin, the futures testnet for the rest).
# Another product of the same live or demo environment: the sources cannot tell (``None``).
TESTNET_SITE = {"spot": "testnet.binance.vision", "margin": "testnet.binance.vision"}
FUTURES_TESTNET_SITE = "testnet.binancefuture.com"


def known_in(key_place: tuple[str, str], place: tuple[str, str]) -> bool | None:
    """Can a key made for ``key_place`` be known at ``place`` (both ``(product,
    environment)``)? ``True``: the same place; ``False``: another environment, or the other
    testnet site; ``None``: another product of the same environment (not documented)."""
    if key_place == place:
        return True
    if key_place[1] != place[1]:
        return False
    if place[1] == "testnet":
        site = TESTNET_SITE.get(key_place[0], FUTURES_TESTNET_SITE)
        return None if site == TESTNET_SITE.get(place[0], FUTURES_TESTNET_SITE) else False
    return None
