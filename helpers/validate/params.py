"""``helpers.params``' arguments: parameters Binance would misread, refused by name.

Each ``validate_*`` returns its argument as the step needs it (a list of (name, value)
pairs) or raises a ``TypeError``/``ValueError`` naming the parameter, with Binance's error
code where Binance itself would refuse the value (-1101, -1105), and what to pass instead.
Only the standard library; ``decimal`` only once a value is neither ``str`` nor ``int``.
"""

from collections.abc import Mapping


def validate_pairs(params: object) -> list[tuple[str, object]]:
    """A mapping or a sequence of (name, value) pairs, as a list of pairs; else a TypeError."""
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


def validate_names(params: object) -> list[tuple[str, object]]:
    """``validate_pairs``, then each name a non-empty ``str``, none repeated (Binance: -1101)."""
    pairs = validate_pairs(params)
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


def validate_value(name: str, value: object) -> None:
    """Refuse a value whose text would be ambiguous, naming the parameter and what to pass.

    A plain ``str`` (not empty: -1105) or ``int`` passes; a ``bool``, or a subclass of
    ``str`` or ``int`` such as an ``Enum`` member, is refused; other types below.
    """
    if type(value) is str:  # the common case first: it stays cheap
        if value == "":
            raise ValueError(
                f"parameter {name!r} is empty (Binance answers -1105 PARAM_EMPTY); "
                "leave the parameter out instead"
            )
        return
    if isinstance(value, bool):  # before int: bool is a subclass of int
        word = "true" if value else "false"
        raise TypeError(
            f"parameter {name!r}: bool {value!r} would be sent as {str(value)!r}; "
            f"pass the string {word!r} that the endpoint documents"
        )
    if type(value) is int:
        if value.bit_length() > 2000:  # over 600 digits str() may refuse (sys.int_info)
            _validate_digits(name, value)
        return
    if isinstance(value, (str, int)):
        raise TypeError(
            f"parameter {name!r}: got a {type(value).__name__} (a subclass of "
            f"{'str' if isinstance(value, str) else 'int'}, e.g. an Enum member), whose text "
            "can differ between str(), format() and JSON; pass a plain str or int "
            "(for an Enum member, its .value)"
        )
    _validate_other_value(name, value)


def _validate_digits(name: str, value: int) -> None:
    try:
        str(value)
    except ValueError:  # more digits than Python converts (sys.int_info)
        raise ValueError(
            f"parameter {name!r}: an int of more than 4300 digits is not a value Binance accepts"
        ) from None


def _validate_other_value(name: str, value: object) -> None:
    """A finite ``Decimal`` or a non-empty list of ``str`` passes; anything else is refused."""
    from decimal import Decimal  # imported here, once a value is neither str nor int

    if isinstance(value, Decimal):
        if not value.is_finite():
            raise ValueError(
                f"parameter {name!r}: Decimal {value} is not a number Binance accepts; "
                "pass a finite Decimal"
            )
        return
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
        if not value:
            raise ValueError(
                f"parameter {name!r} is an empty list; leave the parameter out instead"
            )
        for item in value:
            if not isinstance(item, str):
                raise TypeError(
                    f"parameter {name!r}: list items must be str, got {type(item).__name__} "
                    f"{item!r}"
                )
        return
    if isinstance(value, Mapping):
        raise TypeError(
            f"parameter {name!r}: nested mappings are not a Binance parameter type; "
            "pass each field as its own parameter"
        )
    raise TypeError(
        f"parameter {name!r}: {type(value).__name__} is not a supported value type; "
        "pass str, int, decimal.Decimal, or a list of str"
    )


def validate_text(text: object, name: str) -> None:
    """``percent_encode``'s argument: a ``str`` that UTF-8 can encode (no lone surrogate)."""
    if not isinstance(text, str):
        raise TypeError(f"{name}: expected str to percent-encode, got {type(text).__name__}")
    if not text.isascii():
        try:
            text.encode("utf-8")
        except UnicodeEncodeError as exc:
            raise ValueError(
                f"{text[exc.start : exc.end]!r} in the {name} is not encodable as UTF-8 (a "
                "lone surrogate?); fix the text before signing"
            ) from None


def validate_query_params(params: object) -> list[tuple[str, object]]:
    """``query_string``'s parameters as pairs: ``signature`` is refused (never part of the
    payload), each value as ``format_value`` refuses it, and text UTF-8 cannot encode."""
    pairs = validate_names(params)
    for name, value in pairs:
        if name == "signature":
            raise ValueError(
                "parameter 'signature' is never part of the signature payload; "
                "sign the other parameters, then append signature=..."
            )
        validate_value(name, value)
        non_ascii = type(value) is str and not value.isascii()  # an int's or Decimal's: ASCII
        if non_ascii or not name.isascii() or isinstance(value, (list, tuple)):
            _validate_encodable(name, value)
    return pairs


def _validate_encodable(name: str, value: object) -> None:
    """The name and the value's text (a list's items) UTF-8 can encode, as ``percent_encode``
    wants; the error names the parameter."""
    texts = value if isinstance(value, (list, tuple)) else (value,)
    for text in (name, *texts):
        if isinstance(text, str) and not text.isascii():
            try:
                validate_text(text, "text")
            except ValueError as exc:  # a lone surrogate: say which parameter holds it
                raise ValueError(f"parameter {name!r}: {exc}") from None


def validate_parts(query: object, body: object) -> None:
    """``total_params``' two parts: both ``str``."""
    for label, part in (("query", query), ("body", body)):
        if not isinstance(part, str):
            raise TypeError(f"{label}: expected str, got {type(part).__name__}")


def validate_ws_params(params: object) -> list[tuple[str, object]]:
    """``ws_payload``'s parameters as pairs; every value but ``signature``'s as
    ``format_value`` wants it, not a list, and text UTF-8 can encode."""
    pairs = validate_names(params)
    for name, value in pairs:
        if name == "signature":
            continue  # "Take all request `params` except `signature`"
        if isinstance(value, (list, tuple)):
            raise TypeError(
                f"parameter {name!r}: list values are not supported in a WebSocket payload "
                "here (the docs give no signing rule for arrays)"
            )
        validate_value(name, value)
        text = value if type(value) is str else ""  # an int's or a Decimal's text is ASCII
        if not (text.isascii() and name.isascii()):
            for label, part in (("name", name), ("value", text)):
                try:
                    part.encode("utf-8")
                except UnicodeEncodeError as exc:
                    raise ValueError(
                        f"parameter {name!r}: its {label} holds a lone surrogate at index "
                        f"{exc.start}, which UTF-8 cannot encode; fix the text before signing"
                    ) from None
    return pairs
