"""Where a request with a key goes: the key clinic's answer for a URL (issue 26).

``destination(url, key_place=None)`` names the URL's place with ``which_product`` —
product, environment, API — and, when the key's place is known (``key_place``, where the
key was made), says whether the key can be known there (``key_known_there``); if not,
``wrong_place``'s sentence ("this key belongs to demo usdm-futures; this URL is live
usdm-futures (rest)", with the code Binance answers there and its certainty); where the
sources cannot tell (on live, one key serves each product its permissions enable), why.
A URL that is none of the listed Binance URLs gets no claim. The URL itself is never
repeated (it may hold a ``user:password@`` part or a signed query): only its place.
"""

from helpers.keys.products import (
    cannot_tell,
    key_known_there,
    key_place_of,
    which_product,
    wrong_place,
)

__all__ = ["destination"]


def destination(url: str, key_place: object = None) -> str:
    """Where a request to ``url`` goes, and whether a key made for ``key_place`` (a
    ``Place`` or ``(product, environment)``) belongs there."""
    if not isinstance(url, str):
        raise TypeError(f"url: expected str, got {type(url).__name__}")
    key = key_place_of(key_place)
    place = which_product(url)
    if place is None:
        return (
            "this URL is none of Binance's listed URLs (helpers/data/products.toml): the "
            "clinic cannot say which keys it takes"
        )
    goes = f"a request to this URL goes to {place}"
    if key is None:
        return f"{goes}: keys made in another environment are unknown there"
    known = key_known_there(key, place)
    if known is None:
        return f"{goes}; {cannot_tell(key, place)}"
    if known:
        return f"{goes}; the key was made for {key[1]} {key[0]}: they agree"
    said = wrong_place(key, url)
    return f"{goes}. {said[0].upper()}{said[1:]}"
