"""Where the request went, and where its key belongs: the doctor's reading of a -2015 or
-2008.

A key is known in the environment it was made in (live, testnet, demo), and on testnet on
the site that made it; sent elsewhere, it is unknown there, and the answer is that
product's ``wrong_place_code`` (-2015 on Spot and margin, -2008 on the futures family;
``helpers/data/products.toml``). ``helpers.keys.products.key_known_there`` writes that
rule once; the doctor

- names the URL's place (``helpers.keys.which_product``) whenever the answer was -2015
  or -2008, or a key place is given;
- with ``key_place=`` (where the key was made) and a URL where that key cannot be known,
  reports ``KEY_FROM_ANOTHER_PLACE``: the request shows the URL, the learner says where
  the key was made — the finding's verdict is that product's answer, labelled as
  products.toml labels it (``helpers.mistakes.verdicts.place_shown``);
- where the sources cannot tell (another product of the same live or demo environment:
  on live, one key serves each product its permissions enable), without ``key_place=``,
  or when the places agree, claims nothing: it lists the causes the answer's message
  names (errors.md → "-2015 REJECTED_MBX_KEY": the key, the IP, the permissions). A URL
  that is none of the listed Binance URLs (or not known: a ``Verdict`` without
  ``base_url=``) gets no claim either.

The URL is never printed (it may hold a ``user:password@`` part): only its place.
"""

import json
from dataclasses import dataclass

from helpers.doctor.findings import REQUEST_SHOWS, Findings
from helpers.doctor.sent import origin_of
from helpers.exchange import Verdict
from helpers.exchange.places import Place, products, which_product
from helpers.mistakes.verdicts import place_shown

__all__ = [
    "KEY_CODES", "PlaceCheck", "answer_of", "examine_place", "place_check", "reply_code",
    "rest_url",
]  # fmt: skip

# The answers a key unknown to the place it was sent to gets: products.toml's
# wrong_place_code of every product (-2015, -2008).
KEY_CODES = tuple(dict.fromkeys(p.fact("wrong_place_code") for p in products().values()))

# What else a -2015 or -2008 can mean, and how to tell: the causes -2015's message names
# (errors.md → "-2015 REJECTED_MBX_KEY": "Invalid API-key, IP, or permissions for
# action."); -2008's are reported for an unknown key only (products.toml, observed).
_CAUSES = {
    -2015: (
        "the key is unknown there (made in another environment or on the other testnet "
        "site, or deleted), the request's IP is not one the key allows, or the key "
        "lacks the endpoint's permission (TRADE for orders; on live, enableFutures for "
        "futures)"
    ),
    -2008: (
        "the key is unknown there (made in another environment or on the other testnet "
        "site, or deleted), as users report it"
    ),
}


@dataclass(frozen=True)
class PlaceCheck:
    """What ``examine_place`` was given: the URL (``None``: not known; never printed), its
    place (``None``: not a listed URL), the key's place, the answer's code."""

    url: str | None
    url_place: Place | None
    key_place: tuple[str, str] | None
    answered: int | None


def reply_code(reply: object) -> int | None:
    """The error code of an answer: an int; a dict (``{"code": -2015, ...}``, or the
    WebSocket API's ``{"error": {"code": ...}}``); its JSON text; a ``helpers.request.Reply``
    or a ``requests.Response`` (their JSON). ``None`` when none can be read."""
    if reply is None or isinstance(reply, bool):
        return None
    if isinstance(reply, int):
        return reply
    if isinstance(reply, (str, bytes)):
        try:
            reply = json.loads(reply)
        except ValueError:
            return None
        if isinstance(reply, int) and not isinstance(reply, bool):
            return reply  # the code alone, as text ("-2015")
    elif not isinstance(reply, dict):
        data = getattr(reply, "json", None)
        try:
            reply = data() if callable(data) else data
        except ValueError:
            return None
    if not isinstance(reply, dict):
        return None
    if isinstance(reply.get("error"), dict):
        reply = reply["error"]
    code = reply.get("code")
    return code if isinstance(code, int) and not isinstance(code, bool) else None


def answer_of(sent: object, reply: object) -> int | None:
    """The code answered: ``reply``'s if given, else what ``sent`` brings (a ``Verdict``'s
    code, a ``requests.Response``'s JSON)."""
    if reply is not None:
        return reply_code(reply)
    if isinstance(sent, Verdict):
        return sent.code
    if hasattr(sent, "status_code") and hasattr(sent, "request"):  # a requests.Response
        return reply_code(sent)
    return None


def place_check(url: str | None, key_place: object, answered: int | None) -> PlaceCheck:
    """The ``PlaceCheck`` for a request that went to ``url`` (``None``: not known)."""
    from helpers.keys.products import key_place_of  # the key clinic's reading

    place = which_product(url) if url else None
    return PlaceCheck(url, place, key_place_of(key_place), answered)


def rest_url(origin: str | None, base_url: str | None, path: str) -> str | None:
    """The URL a REST request went to: ``base_url``'s scheme, host and port (else the
    request's own) with the request's path; ``None`` when neither shows a host."""
    where = origin_of(base_url) if base_url else origin
    return where + path if where else None


def examine_place(check: PlaceCheck, found: Findings, notes: list[str]) -> None:
    """Add ``KEY_FROM_ANOTHER_PLACE`` when the key cannot be known at the URL's place
    (``helpers.keys.products.key_known_there``), or a note that names the URL's place and
    the answer's causes without claiming one."""
    from helpers.keys.products import cannot_tell, key_known_there, wrong_place

    if check.key_place is None and check.answered not in KEY_CODES:
        return
    place, key = check.url_place, check.key_place
    known = key_known_there(key, place) if place is not None and key is not None else None
    if known is False:
        said = wrong_place(key, check.url)
        found.add(
            "KEY_FROM_ANOTHER_PLACE",
            said[0].upper() + said[1:],
            f"{REQUEST_SHOWS}: its URL is {place} (helpers.keys.which_product); the key's "
            f"place, {key[1]} {key[0]}, is the one you gave (key_place=)",
            answer=place_shown(place.product),
        )
        return
    if known is None and place is not None and key is not None:
        notes.append(f"{cannot_tell(key, place)}{_causes(check.answered, '; ')}")
        return
    notes.append(_place_note(check, agree=known is True))


def _causes(code: int | None, lead: str) -> str:
    """What ``code`` may mean, none claimed (``""`` without a -2015 or -2008)."""
    if code not in KEY_CODES:
        return ""
    causes = _CAUSES.get(code, _CAUSES[-2015])
    return f"{lead}{code} may mean: {causes} — the request alone cannot show which"


def _place_note(check: PlaceCheck, *, agree: bool) -> str:
    """The note when the doctor claims nothing: the URL's place (or that it is not known),
    whether the key's place agrees, and the answer's causes."""
    place, key = check.url_place, check.key_place
    if place is not None:
        where = f"the URL is {place} (helpers.keys.which_product)"
    elif check.url is not None:
        where = "the URL is none of Binance's listed URLs (helpers/data/products.toml)"
    else:
        where = "the URL is not known here (give base_url=, the Binance URL it was for)"
    if agree:
        where += f", and the key was made for {key[1]} {key[0]}: they agree"
    ask = "; give key_place= (where the key was made) to check the first" if key is None else ""
    causes = _causes(check.answered, ". ")
    return f"{where}{causes}{ask if causes else ''}"
