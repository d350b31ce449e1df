"""The registry: every mistake the kit knows, each declared once in its stage's module.

``MISTAKES`` lists them in the order the server checks (and the signature doctor
reports): the doctor's finding codes are a view of it (``helpers.doctor.codes``).
``PITFALLS`` lists the demonstrated ones in the order notebook 04's catalogue shows
them: stage by stage (``LESSONS``), each module's mistakes in the order it declares them.
"""

from helpers.mistakes import (
    encoding,
    headers,
    keys_and_secrets,
    parameters,
    payload,
    signatures,
    timing,
)
from helpers.mistakes.mistake import Mistake, Pitfall

__all__ = ["BY_CODE", "LESSONS", "MISTAKES", "PITFALLS", "by_code", "by_name", "declared_in"]

# The order the server checks (helpers.exchange.assumptions, "Check order"): findings are
# shown in this order.
MISTAKES: tuple[Mistake, ...] = (
    signatures.OK,
    headers.MISSING_API_KEY_HEADER,
    headers.API_KEY_HEADER_MALFORMED,
    headers.API_KEY_IN_PAYLOAD,
    headers.JSON_BODY,
    headers.FORM_CONTENT_TYPE_MISSING,
    encoding.NON_ASCII_UNENCODED,
    encoding.ILLEGAL_CHARACTERS,
    encoding.HTML_ENTITY_MOJIBAKE,
    timing.MISSING_TIMESTAMP,
    headers.MISSING_SIGNATURE,
    parameters.JSON_ARRAY_ENCODING,
    parameters.DUPLICATE_PARAMETER,
    parameters.EMPTY_PARAMETER,
    timing.RECV_WINDOW_INVALID,
    timing.TIMESTAMP_IN_SECONDS,
    timing.TIMESTAMP_OUTSIDE_WINDOW,
    signatures.SIGNATURE_NOT_HEX,
    signatures.WRONG_KEY_TYPE,
    signatures.BASE64_SIGNATURE_MANGLED,
    encoding.SPACE_PLUS_VS_PERCENT20,
    encoding.DOUBLE_ENCODED,
    encoding.DOUBLE_ENCODED_BEFORE_SIGNING,
    encoding.URL_NORMALIZED_AFTER_SIGNING,
    payload.PARAMS_REORDERED,
    payload.WS_SORTED_PAYLOAD_ON_REST,
    payload.QUERY_BODY_JOINED_WITH_AMPERSAND,
    payload.SIGNATURE_IN_PAYLOAD,
    payload.TRAILING_NEWLINE,
    parameters.BOOL_CAPITALIZED,
    parameters.FLOAT_EXPONENT,
    keys_and_secrets.SECRET_WHITESPACE,
    keys_and_secrets.SECRET_BASE64_DECODED,
    keys_and_secrets.API_KEY_AS_SECRET,
    signatures.KEY_MESSAGE_SWAPPED,
    signatures.SECRET_CONCATENATED,
    keys_and_secrets.WRONG_SECRET_OR_KEY,
    signatures.UNKNOWN_MISMATCH,
)

# The stage modules, in the order notebook 04 teaches them.
LESSONS = (encoding, payload, parameters, headers, timing, keys_and_secrets, signatures)


def declared_in(module) -> tuple[Mistake, ...]:
    """The mistakes ``module`` declares, in the order it declares them."""
    return tuple(value for value in vars(module).values() if isinstance(value, Mistake))


PITFALLS: tuple[Pitfall, ...] = tuple(
    pitfall for module in LESSONS for mistake in declared_in(module) for pitfall in mistake.pitfalls
)
BY_CODE: dict[str, Mistake] = {mistake.code: mistake for mistake in MISTAKES}


def by_code(code: str) -> Mistake:
    """The mistake reported as ``code``; the error lists the codes there are."""
    if code not in BY_CODE:
        raise KeyError(f"no mistake with code {code!r}; there are: {', '.join(BY_CODE)}")
    return BY_CODE[code]


def by_name(name: str) -> Pitfall:
    """The pitfall called ``name``; the error lists the names there are."""
    for pitfall in PITFALLS:
        if pitfall.name == name:
            return pitfall
    names = ", ".join(p.name for p in PITFALLS)
    raise KeyError(f"no pitfall named {name!r}; there are: {names}")
