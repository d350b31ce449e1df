"""Stage 1 — parameters → query string → signature payload.

Binance Spot API docs, rest-api.md → "Request Security" → "SIGNED Endpoint Examples for
POST /api/v3/order" → "HMAC Keys", its **Step 1: Construct the signature payload**. The recipe,
one function per step, each with the docs' words:

1. Turn each value into the exact text Binance expects (``format_value``): ``str`` as is,
   ``int`` in decimal, ``Decimal`` in plain notation, a list of strings as a compact JSON
   array. Anything whose text is ambiguous (``float``, ``bool``, ``None``) is refused.
2. Percent-encode names and values as UTF-8, leaving only RFC 3986's unreserved
   characters as they are (``percent_encode``). Since 2026-01-15 the docs require the
   payload to be percent-encoded *before* signing (CHANGELOG.md → "2025-12-17").
3. Join ``name=value`` pairs with ``&`` in the order given (``query_string``). Binance
   accepts any order; the signature covers the order you send.
4. Concatenate the query string and the body **without a separator** (``total_params``).

The WebSocket API signs another text (``ws_payload``): every parameter except
``signature`` — ``apiKey`` included — sorted by name, ``name=value`` pairs joined with
``&``, values as raw UTF-8 with **no** percent-encoding.

What is refused, and why, is in ``helpers.validate.params``: each function here calls it
first, in one line. Only the standard library is imported; ``json`` only for a list value.
"""

from urllib.parse import quote

from helpers.validate.params import (
    validate_parts,
    validate_query_params,
    validate_text,
    validate_value,
    validate_ws_params,
)

__all__ = ["format_value", "percent_encode", "query_string", "total_params", "ws_payload"]


def format_value(name: str, value: object) -> str:
    """The text Binance expects for one parameter value (before percent-encoding).

    Refuses values whose text would be ambiguous, naming the parameter and saying what
    to pass instead: a ``float`` prints ``1e-05`` or ``0.30000000000000004``, ``True``
    prints ``True`` where an API expects ``true``, and ``None`` prints ``None``. One rule
    for ``str`` and ``int``, here, on the WebSocket API and for ``timestamp=``: a plain
    ``str`` or ``int`` only. An ``Enum`` member or another subclass is refused (its text
    can differ between ``str()``, ``format()`` and JSON): pass ``member.value``.
    """
    validate_value(name, value)
    return value if type(value) is str else _text(value)  # a str, the common case, as is


def _text(value: object) -> str:
    """A validated value's text: ``str`` as is, ``int`` in decimal, a list of ``str`` as
    Binance's compact JSON array (``symbols``: ``["BTCUSDT","BNBBTC"]``), a ``Decimal`` in
    plain notation (``Decimal('1E-5')`` → ``'0.00001'``)."""
    if type(value) is str:
        return value
    if type(value) is int:
        return str(value)
    if isinstance(value, (list, tuple)):
        import json

        return json.dumps(list(value), separators=(",", ":"), ensure_ascii=False)
    return format(value, "f")


def percent_encode(text: str, *, name: str = "text") -> str:
    """Step 1.2, "Percent-encode the string": ``text`` as UTF-8, ``%XX`` for all but the
    unreserved characters.

    rest-api.md → "Request Security" → "SIGNED Endpoint Examples for POST /api/v3/order" →
    "HMAC Keys": "Any non-ASCII character must be percent-encoded before signing." The
    unreserved characters are RFC 3986's (section 2.3): ``A-Z a-z 0-9 - _ . ~`` — exactly
    what ``urllib.parse.quote(text, safe="")`` keeps. Hex digits are uppercase and a space
    becomes ``%20`` (not ``+``). ``name`` labels the error message.
    """
    validate_text(text, name)
    return quote(text, safe="")  # UTF-8, strict: the defaults


def query_string(params: object) -> str:
    """Step 1.1, "Format parameters as ``parameter=value`` pairs separated by ``&``", each
    name and value percent-encoded (``percent_encode``): one part of the REST payload, the
    query string or the body.

    ``params`` is a mapping or a sequence of ``(name, value)`` pairs; their order is
    kept, and each value is the text ``format_value`` gives::

        >>> query_string({"symbol": "LTCBTC", "side": "BUY", "quantity": 1})
        'symbol=LTCBTC&side=BUY&quantity=1'
        >>> query_string([("symbols", ["BTCUSDT", "BNBBTC"])])
        'symbols=%5B%22BTCUSDT%22%2C%22BNBBTC%22%5D'

    A repeated name is refused (Binance answers -1101), and so is ``signature``: it is
    never part of the payload.
    """
    encoded = []
    for name, value in validate_query_params(params):  # what format_value, percent_encode refuse
        text = value if type(value) is str else _text(value)  # format_value's text
        encoded.append(f"{quote(name, safe='')}={quote(text, safe='')}")  # percent_encode's
    return "&".join(encoded)


def total_params(query: str, body: str) -> str:
    """The signature payload of a request: query string + body, **no separator**.

    rest-api.md → "Request Security" → "SIGNED Endpoint Examples for POST /api/v3/order" →
    "HMAC Keys": "The signature payload of your request is the query string concatenated
    without separator to the HTTP body." The docs' historical mixed example (rest-api.md
    before commit f83a5bf, removed 2025-12-17) shows it: ``...&timeInForce=GTC`` +
    ``quantity=1&...`` signs ``...timeInForce=GTCquantity=1...``.
    """
    validate_parts(query, body)
    return query + body


def ws_payload(params: object) -> str:
    """The WebSocket API's signature payload: sorted by name, raw UTF-8, ``signature`` left out.

    web-socket-api.md → "Request security" → "SIGNED request example (HMAC)", **Step 1:
    Construct the signature payload**: "Take all request ``params`` except ``signature``
    and **sort them in alphabetical order by parameter name**", then "Format parameters as
    ``parameter=value`` pairs separated by ``&``. Values need to be encoded in UTF-8."

    ``params`` is a request's ``params`` (a mapping, or a sequence of pairs); ``apiKey``
    is one of them, since on the WebSocket API the key is a parameter. The sort is by code
    point (``timeInForce`` before ``timestamp``). Values are formatted as in
    ``format_value`` and **not** percent-encoded: the docs' non-ASCII example signs
    ``symbol=１２３４５６`` as it is::

        >>> ws_payload({"symbol": "BTCUSDT", "timestamp": 1645423376532, "apiKey": "k",
        ...             "signature": "ignored"})
        'apiKey=k&symbol=BTCUSDT&timestamp=1645423376532'

    Refused, naming the parameter: a repeated name, the values ``format_value`` refuses
    (``float``, ``bool``, ``None``, empty), and lists (the docs give no signing rule for
    array values on the WebSocket API).
    """
    signed = []
    for name, value in validate_ws_params(params):
        if name != "signature":
            signed.append((name, value if type(value) is str else _text(value)))
    signed.sort(key=lambda pair: pair[0])  # by name, in code-point order
    return "&".join([f"{name}={text}" for name, text in signed])
