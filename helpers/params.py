"""Stage 1 — parameters → query string → signature payload.

Binance Spot API docs, rest-api.md → "Request Security" → "SIGNED Endpoint Examples for
POST /api/v3/order" → "HMAC Keys", its **Step 1: Construct the signature payload**. The recipe,
one function per step:

1. Turn each value into the exact text Binance expects (``format_value``): ``str`` as is,
   ``int`` in decimal, ``Decimal`` in plain notation, a list of strings as a compact JSON
   array. Anything whose text is ambiguous (``float``, ``bool``, ``None``) is refused.
2. Percent-encode names and values as UTF-8, leaving only RFC 3986's unreserved
   characters as they are (``percent_encode``). Since 2026-01-15 the docs require the
   payload to be percent-encoded *before* signing (CHANGELOG.md → "2025-12-17").
3. Join ``name=value`` pairs with ``&`` in the order given (``query_string``). Binance
   accepts any order; the signature covers the order you send.
4. Concatenate the query string and the body **without a separator** (``total_params``).

The WebSocket API signs another text (``ws_payload``): Binance Spot API docs,
web-socket-api.md → "Request security" → "SIGNED request security", its **Step 1:
Construct the signature payload**: every
parameter except ``signature`` — ``apiKey`` included — sorted by name, ``name=value``
pairs joined with ``&``, values as raw UTF-8 with **no** percent-encoding.

Only the standard library is imported here; ``decimal`` and ``json`` only once a value
needs them (most values are ``str`` or ``int``), so ``import helpers.params`` stays cheap.
"""

import urllib.parse
from collections.abc import Mapping

__all__ = [
    "as_pairs",
    "format_value",
    "percent_encode",
    "query_string",
    "total_params",
    "ws_payload",
]


def percent_encode(text: str, *, name: str = "text") -> str:
    """Percent-encode ``text`` as UTF-8: unreserved characters as is, all else ``%XX``.

    The unreserved characters are RFC 3986's (section 2.3): ``A-Z a-z 0-9 - _ . ~`` —
    exactly what ``urllib.parse.quote(text, safe="")`` keeps. Hex digits are uppercase and
    a space becomes ``%20`` (not ``+``). ``name`` labels the error message.
    """
    if not isinstance(text, str):
        raise TypeError(f"{name}: expected str to percent-encode, got {type(text).__name__}")
    try:
        return urllib.parse.quote(text, safe="")  # UTF-8, strict: the defaults
    except UnicodeEncodeError as exc:
        bad = text[exc.start : exc.end]
        raise ValueError(
            f"{bad!r} in the {name} is not encodable as UTF-8 (a lone surrogate?); "
            "fix the text before signing"
        ) from None


def format_value(name: str, value: object) -> str:
    """The text Binance expects for one parameter value (before percent-encoding).

    Refuses values whose text would be ambiguous, naming the parameter and saying what
    to pass instead: a ``float`` prints ``1e-05`` or ``0.30000000000000004``, ``True``
    prints ``True`` where an API expects ``true``, and ``None`` prints ``None``. One rule
    for ``str`` and ``int``, here, on the WebSocket API and for ``timestamp=``: a plain
    ``str`` or ``int`` only. An ``Enum`` member or another subclass is refused (its text
    can differ between ``str()``, ``format()`` and JSON): pass ``member.value``.
    """
    if type(value) is str:  # the common case first: it stays cheap
        if value == "":
            raise ValueError(
                f"parameter {name!r} is empty (Binance answers -1105 PARAM_EMPTY); "
                "leave the parameter out instead"
            )
        return value
    if isinstance(value, bool):  # before int: bool is a subclass of int
        word = "true" if value else "false"
        raise TypeError(
            f"parameter {name!r}: bool {value!r} would be sent as {str(value)!r}; "
            f"pass the string {word!r} that the endpoint documents"
        )
    if type(value) is int:
        try:
            return str(value)
        except ValueError:  # more digits than Python converts (sys.int_info)
            raise ValueError(
                f"parameter {name!r}: an int of more than 4300 digits is not a value Binance "
                "accepts"
            ) from None
    if isinstance(value, (str, int)):
        raise TypeError(
            f"parameter {name!r}: got a {type(value).__name__} (a subclass of "
            f"{'str' if isinstance(value, str) else 'int'}, e.g. an Enum member), whose text "
            "can differ between str(), format() and JSON; pass a plain str or int "
            "(for an Enum member, its .value)"
        )
    from decimal import Decimal  # imported here, once a value is neither str nor int

    if isinstance(value, Decimal):
        if not value.is_finite():
            raise ValueError(
                f"parameter {name!r}: Decimal {value} is not a number Binance accepts; "
                "pass a finite Decimal"
            )
        return format(value, "f")  # plain notation: Decimal('1E-5') -> '0.00001'
    if isinstance(value, float):
        raise TypeError(
            f"parameter {name!r}: float {value!r} is refused because str() of a float "
            "can print '1e-05' or '0.30000000000000004'; pass a str such as '0.00001' "
            "or a decimal.Decimal"
        )
    if value is None:
        raise TypeError(
            f"parameter {name!r} is None, which would be sent as the text 'None'; "
            "leave the parameter out instead"
        )
    if isinstance(value, (list, tuple)):
        return _json_array(name, value)
    if isinstance(value, Mapping):
        raise TypeError(
            f"parameter {name!r}: nested mappings are not a Binance parameter type; "
            "pass each field as its own parameter"
        )
    raise TypeError(
        f"parameter {name!r}: {type(value).__name__} is not a supported value type; "
        "pass str, int, decimal.Decimal, or a list of str"
    )


def _json_array(name: str, items: list | tuple) -> str:
    """Binance's format for list parameters such as ``symbols``: ``["BTCUSDT","BNBBTC"]``."""
    if not items:
        raise ValueError(f"parameter {name!r} is an empty list; leave the parameter out instead")
    for item in items:
        if not isinstance(item, str):
            raise TypeError(
                f"parameter {name!r}: list items must be str, got {type(item).__name__} {item!r}"
            )
    import json

    return json.dumps(list(items), separators=(",", ":"), ensure_ascii=False)


def as_pairs(params: object) -> list[tuple[str, object]]:
    """Accept a mapping or a sequence of (name, value) pairs; refuse anything else."""
    if isinstance(params, Mapping):
        return list(params.items())
    if isinstance(params, (str, bytes)) or not hasattr(params, "__iter__"):
        raise TypeError(
            f"params: expected a mapping or a sequence of (name, value) pairs, "
            f"got {type(params).__name__}"
        )
    pairs = []
    for pair in params:
        if not isinstance(pair, (tuple, list)) or len(pair) != 2:
            raise TypeError(f"params: each item must be a (name, value) pair, got {pair!r}")
        pairs.append((pair[0], pair[1]))
    return pairs


def _named_pairs(params: object) -> list[tuple[str, object]]:
    """``as_pairs``, then each name a non-empty ``str``, none repeated (Binance: -1101)."""
    pairs = as_pairs(params)
    seen = set()
    for name, _ in pairs:
        if not isinstance(name, str) or not name:
            raise TypeError(f"params: parameter names must be non-empty str, got {name!r}")
        if name in seen:
            raise ValueError(
                f"parameter {name!r} appears twice (Binance answers -1101 "
                "TOO_MANY_PARAMETERS); send it once"
            )
        seen.add(name)
    return pairs


def query_string(params: object) -> str:
    """Binance's REST signature payload for one part (query string or body).

    ``params`` is a mapping or a sequence of ``(name, value)`` pairs; their order is
    kept. Each ``name=value`` is percent-encoded (see ``percent_encode``) and the pairs
    are joined with ``&``::

        >>> query_string({"symbol": "LTCBTC", "side": "BUY", "quantity": 1})
        'symbol=LTCBTC&side=BUY&quantity=1'
        >>> query_string([("symbols", ["BTCUSDT", "BNBBTC"])])
        'symbols=%5B%22BTCUSDT%22%2C%22BNBBTC%22%5D'

    A repeated name is refused (Binance answers -1101), and so is ``signature``: it is
    never part of the payload.
    """
    parts = []
    for name, value in _named_pairs(params):
        if name == "signature":
            raise ValueError(
                "parameter 'signature' is never part of the signature payload; "
                "sign the other parameters, then append signature=..."
            )
        text = format_value(name, value)
        try:
            parts.append(f"{percent_encode(name)}={percent_encode(text)}")
        except ValueError as exc:  # a lone surrogate: say which parameter holds it
            raise ValueError(f"parameter {name!r}: {exc}") from None
    return "&".join(parts)


def total_params(query: str, body: str) -> str:
    """The signature payload of a request: query string + body, **no separator**.

    rest-api.md → "SIGNED Endpoint Examples for POST /api/v3/order" → "HMAC Keys": "The
    signature payload of your request is the query string concatenated without separator
    to the HTTP body." The docs' historical mixed example (rest-api.md before commit
    f83a5bf, removed 2025-12-17) shows it: ``...&timeInForce=GTC`` + ``quantity=1&...``
    signs ``...timeInForce=GTCquantity=1...``.
    """
    for label, part in (("query", query), ("body", body)):
        if not isinstance(part, str):
            raise TypeError(f"{label}: expected str, got {type(part).__name__}")
    return query + body


def ws_payload(params: object) -> str:
    """The WebSocket API's signature payload: sorted by name, raw UTF-8, ``signature`` left out.

    ``params`` is a request's ``params`` (a mapping, or a sequence of pairs). Every
    parameter except ``signature`` is taken — ``apiKey`` included, since on the WebSocket
    API the key is a parameter — sorted by name (code-point order, so ``timeInForce``
    comes before ``timestamp``), and joined as ``name=value`` with ``&``. Values are
    formatted as in ``format_value`` and **not** percent-encoded: the docs' non-ASCII
    example signs ``symbol=１２３４５６`` as it is::

        >>> ws_payload({"symbol": "BTCUSDT", "timestamp": 1645423376532, "apiKey": "k",
        ...             "signature": "ignored"})
        'apiKey=k&symbol=BTCUSDT&timestamp=1645423376532'

    Refused, naming the parameter: a repeated name, the values ``format_value`` refuses
    (``float``, ``bool``, ``None``, empty), and lists (the docs give no signing rule for
    array values on the WebSocket API).
    """
    pairs = []
    for name, value in _named_pairs(params):
        if name == "signature":
            continue  # "all request params except for the signature"
        if isinstance(value, (list, tuple)):
            raise TypeError(
                f"parameter {name!r}: list values are not supported in a WebSocket payload "
                "here (the docs give no signing rule for arrays)"
            )
        text = format_value(name, value)
        if not (text.isascii() and name.isascii()):
            _check_utf8(name, text)
        pairs.append((name, text))
    pairs.sort(key=lambda pair: pair[0])
    return "&".join(f"{name}={text}" for name, text in pairs)


def _check_utf8(name: str, text: str) -> None:
    """Refuse, naming the parameter, a name or value UTF-8 cannot encode (a lone surrogate)."""
    for label, part in (("name", name), ("value", text)):
        try:
            part.encode("utf-8")
        except UnicodeEncodeError as exc:
            raise ValueError(
                f"parameter {name!r}: its {label} holds a lone surrogate at index "
                f"{exc.start}, which UTF-8 cannot encode; fix the text before signing"
            ) from None
