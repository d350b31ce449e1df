"""The key clinic: what a key text is, what is wrong with it, and which environment a
URL belongs to.

- ``inspect_key(text, *, password=None) -> KeyReport`` (``inspect``): the kind
  (``ED25519_PRIVATE``, ``RSA_PRIVATE``, ``HMAC_SECRET``, ...), the problems (codes of
  ``PROBLEMS``, each with its source and fix), ``usable_for``, the ``fix``, and the public
  key to register with its fingerprint — never a run of the key itself. A text longer
  than ``MAX_TEXT_CHARS`` (1,000,000) is reported ``TOO_LONG``, unread; an encrypted
  key whose password stretching is beyond the bounds of ``helpers.keys.cost`` (2,000,000
  PBKDF2 iterations, ...) ``KDF_TOO_COSTLY``, no password tried; an RSA key's numbers are
  checked up to 4,096 bits only (``helpers.key_types.MAX_RSA_BITS_CHECKED``).
- ``repair_text(text)``: the text with copy-paste damage undone (quotes, literal ``\\n``,
  indentation, ...) and the codes of what was undone.
- ``which_environment(url)`` and ``BASE_URLS`` (``environments``): Binance's documented
  Spot base URLs — live, Spot Testnet, Demo Mode.
- ``which_product(url)`` (``products``): ``Place(product, environment, api)`` for any
  product's URL — Spot, margin, USDⓈ-M and COIN-M futures, Portfolio Margin, Options ×
  live, testnet, demo × REST, WebSocket API, streams (``helpers/data/products.toml``);
  ``wrong_place(key_place, url)``: "this key belongs to ..., this URL is ..." and the code
  Binance answers there, labelled.
- ``inspect_key(text, url=..., key_place=...)`` adds ``destination`` (``destination``):
  where a request with the key goes, and whether the key can be known there
  (``key_known_there``: not in another environment; on live, another product is a
  question of the key's permissions).

``python -m helpers.keys FILE`` (or ``-`` for standard input) prints the report.
"""

from helpers.keys.armour import MAX_TEXT_CHARS
from helpers.keys.environments import BASE_URLS, DEMO, LIVE, TESTNET, which_environment
from helpers.keys.inspect import inspect_key, repair_text
from helpers.keys.problems import PROBLEMS, Problem
from helpers.keys.products import Place, which_product, wrong_place
from helpers.keys.report import (
    ED25519_PRIVATE,
    ED25519_PUBLIC,
    HMAC_SECRET,
    KINDS,
    RSA_PRIVATE,
    RSA_PUBLIC,
    UNKNOWN,
    UNSUPPORTED_KEY_TYPE,
    KeyReport,
)

__all__ = [
    "BASE_URLS", "DEMO", "ED25519_PRIVATE", "ED25519_PUBLIC", "HMAC_SECRET", "KINDS", "LIVE",
    "MAX_TEXT_CHARS", "PROBLEMS", "Place", "RSA_PRIVATE", "RSA_PUBLIC", "TESTNET", "UNKNOWN",
    "UNSUPPORTED_KEY_TYPE", "KeyReport", "Problem", "inspect_key", "repair_text",
    "which_environment", "which_product", "wrong_place",
]  # fmt: skip
