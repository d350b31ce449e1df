"""Notebook 01's checks (assemble parameters): a quantity's text, the mixed payload, non-ASCII.

The right answers are the docs' (``helpers.examples``): the mixed query + body example
(``rest-hmac-mixed``, signed ``0fd168b8…``) and the non-ASCII example
(``rest-hmac-non-ascii``, ``e1353ec6…``). What is *computed* here are the typical wrong
answers (joined with ``&``, body first, the unencoded symbol signed, ...).

- 01-assemble-parameters: a quantity of 0.00001 — ``check_quantity_value``; the mixed
  request's payload — ``check_mixed_payload``; a non-ASCII symbol, encoded and signed —
  ``check_non_ascii``
"""

import re
from collections import Counter
from decimal import Decimal, InvalidOperation

from helpers.compare import first_difference
from helpers.examples import EXAMPLE_SECRET_KEY, vector
from helpers.exercises.feedback import (
    CORRECT,
    Feedback,
    correct,
    first_finding,
    known_mistake,
    screen,
    short,
    wrong,
)
from helpers.exercises.first_signature import diagnose_signature
from helpers.mistakes.sources import cite
from helpers.params import query_string
from helpers.wrong_signatures import Hint, WrongSignature, hmac_hex

__all__ = [
    "MIXED_BODY",
    "MIXED_PAYLOAD",
    "MIXED_QUERY",
    "MIXED_SIGNATURE",
    "check_mixed_payload",
    "check_non_ascii",
    "check_quantity_value",
]

_MIXED = vector("rest-hmac-mixed")
MIXED_QUERY: str = _MIXED["query_string"]
MIXED_BODY: str = _MIXED["body_text"]
MIXED_PAYLOAD: str = _MIXED["payload"]
MIXED_SIGNATURE: str = _MIXED["signature"]

_NON_ASCII = vector("rest-hmac-non-ascii")
NON_ASCII_SYMBOL: str = dict(_NON_ASCII["query"])["symbol"]
NON_ASCII_PAYLOAD: str = _NON_ASCII["payload"]
NON_ASCII_SIGNATURE: str = _NON_ASCII["signature"]
# The same parameters unencoded: what a learner who skips percent-encoding signs.
NON_ASCII_RAW_PAYLOAD = "&".join(f"{name}={value}" for name, value in _NON_ASCII["query"])

QUANTITY_TEXT = "0.00001"


def check_quantity_value(value: object) -> Feedback:
    """Exercise (01): a Python value for ``quantity`` that ``query_string`` sends as 0.00001."""
    early = screen(
        value,
        todo="Replace ... with a value that query_string({'quantity': value}) turns into "
        "'quantity=0.00001'.",
    )
    if early is not None:
        return early
    if isinstance(value, float):
        return wrong(
            "value type",
            f"A float is refused: str({value!r}) is {str(value)!r}, and floats print in "
            "scientific notation or with binary rounding noise. Use the str '0.00001' "
            "or Decimal('0.00001').",
        )
    if isinstance(value, Decimal) and value.is_finite() and value != Decimal(QUANTITY_TEXT):
        if value == Decimal(float(QUANTITY_TEXT)):
            return wrong(
                "value type",
                "You built the Decimal from a float: Decimal(0.00001) keeps the float's "
                f"binary error ({format(value, 'f')[:30]}…). Build it from text: "
                "Decimal('0.00001').",
            )
    try:
        text = query_string({"quantity": value})
    except (TypeError, ValueError) as exc:
        return wrong("value type", f"query_string refuses it: {exc}")
    sent = text.removeprefix("quantity=")
    if sent == QUANTITY_TEXT:
        return correct(f"{value!r} is sent as {text!r}.")
    try:
        number = Decimal(sent)
    except InvalidOperation:
        return wrong("value text", f"It is sent as {text!r}, which is not a number.")
    if number == Decimal(QUANTITY_TEXT):
        if "e" in sent.lower():
            return wrong(
                "value text",
                f"It is sent as {text!r}: scientific notation. Binance expects plain "
                "'0.00001'; the signature covers the text, so write the text you mean.",
            )
        return wrong(
            "value text",
            f"Same number, different text: it is sent as {text!r}. The signature covers "
            "the text, so '0.000010' and '0.00001' are different payloads; write '0.00001'.",
        )
    return wrong("value", f"It is sent as {text!r}, which is not 0.00001.")


_MIXED_NAMES = tuple(name for name, _ in (*_MIXED["query"], *_MIXED["body"]))
_KNOWN_NAMES = (*_MIXED_NAMES, "signature", "apiKey", "api_key")
_PAIR = re.compile(r"(?:&?)(" + "|".join(sorted(_KNOWN_NAMES, key=len, reverse=True)) + r")=")


def _pairs(text: str) -> list[tuple[str, str]] | None:
    """Split a payload into (name, value) pairs by the names this exercise knows.

    Works even where the query and body were concatenated without ``&``
    (``…GTCquantity=1…``). ``None`` if the text does not start with a known name.
    """
    matches = list(_PAIR.finditer(text))
    if not matches or matches[0].start() != 0:
        return None
    pairs = []
    for match, following in zip(matches, [*matches[1:], None], strict=True):
        end = following.start() if following else len(text)
        pairs.append((match.group(1), text[match.end() : end]))
    return pairs


def check_mixed_payload(payload: object) -> Feedback:
    """Exercise (01): the signature payload of the docs' mixed query + body request."""
    early = screen(
        payload,
        str,
        "the payload as a str",
        todo="Replace ... with the signature payload (the text that gets signed) of the "
        "mixed request, then run the cell again.",
    )
    if early is not None:
        return early
    if payload == MIXED_PAYLOAD:
        return correct(
            "Query string + body, no separator: …timeInForce=GTCquantity=1… — exactly "
            f"what the docs sign ({MIXED_SIGNATURE[:8]}…)."
        )
    found = first_finding((_mixed_text_mistake, _mixed_pairs_mistake), payload)
    if found is not None:
        return found
    return wrong(
        "payload",
        "Right pairs in the right order, but different characters between them. Between "
        "the query string and the body there is nothing; between pairs inside each part, "
        "one '&'. Compare with helpers.compare.compare(your_payload, expected).",
    )


_BODY_FIRST = (
    "You put the body before the query string. The payload is the query string first, "
    "then the body."
)
# Whole answers that are a known wrong payload: {answer: (stage, what went wrong)}.
MIXED_MISTAKES = {
    MIXED_QUERY + "&" + MIXED_BODY: (
        "payload",
        "You joined the query string and the body with '&'. Binance concatenates them "
        "with no separator: …timeInForce=GTCquantity=1…",
    ),
    MIXED_BODY + MIXED_QUERY: ("payload", _BODY_FIRST),
    MIXED_BODY + "&" + MIXED_QUERY: ("payload", _BODY_FIRST),
    MIXED_QUERY: (
        "payload",
        "That is only the query string: append the body (no separator). The signature "
        "covers both parts.",
    ),
    MIXED_BODY: (
        "payload",
        "That is only the body: put the query string in front of it (no separator). The "
        "signature covers both parts.",
    ),
}


def _mixed_text_mistake(payload: str) -> Feedback | None:
    """The mistakes seen in the text as a whole: a URL's '?', '&timestamp' eaten by an
    HTML entity, the parts joined with '&', swapped, or one of them alone."""
    if payload.startswith("?"):
        return wrong(
            "payload",
            "The '?' separates the path from the query string in a URL; it is not part "
            "of the payload. Start with 'symbol='.",
        )
    if "×tamp" in payload:
        return wrong(
            "payload",
            "'×tamp' — '&timestamp' was eaten by HTML entity decoding ('&times' → '×'), "
            "as in the seed article. Type '&timestamp' yourself.",
        )
    return known_mistake(payload, MIXED_MISTAKES)


def _mixed_pairs_mistake(payload: str) -> Feedback | None:
    """The mistakes seen pair by pair: a foreign start, names that do not belong, a name
    missing or twice, a value or the order unlike the docs'."""
    pairs = _pairs(payload)
    if pairs is None:
        return wrong(
            "payload",
            f"Your payload should start with 'symbol=', as the query string does; it "
            f"starts with {short(payload[:20])}.",
        )
    return first_finding((_foreign_name, _missing_or_twice, _value_or_order), pairs)


def _foreign_name(pairs: list[tuple[str, str]]) -> Feedback | None:
    """The signature or the API key among the signed parameters."""
    names = [name for name, _ in pairs]
    if "signature" in names:
        return wrong(
            "payload",
            "'signature' is never part of the payload: sign everything else, then "
            "append signature=… to what you send.",
        )
    if "apiKey" in names or "api_key" in names:
        return wrong(
            "payload",
            "The API key is not a parameter of a REST request: it goes in the "
            "X-MBX-APIKEY header, outside the payload.",
        )
    return None


def _missing_or_twice(pairs: list[tuple[str, str]]) -> Feedback | None:
    """A parameter of the docs' example left out, or written twice."""
    names = [name for name, _ in pairs]
    missing = [name for name in _MIXED_NAMES if name not in names]
    if missing:
        return wrong("payload", f"Missing parameter(s): {', '.join(missing)}.")
    duplicated = [name for name, count in Counter(names).items() if count > 1]
    if duplicated:
        return wrong(
            "payload",
            f"Parameter(s) written twice: {', '.join(duplicated)}. The docs' example sends "
            "each parameter once. (Twice in one part, the same query string or the same "
            "body, is -1101 \"Duplicate values for a parameter detected.\"; once in the "
            "query and once in the body, the query's value is used: "
            + cite("endpoints")
            + ".)",
        )
    return None


def _value_or_order(pairs: list[tuple[str, str]]) -> Feedback | None:
    """A value unlike the docs' example, or the pairs in another order."""
    expected = _pairs(MIXED_PAYLOAD) or []
    expected_values = dict(expected)
    for name, value in pairs:
        if value.strip("&") != expected_values[name]:  # a stray '&' is a separator problem
            return wrong(
                "payload",
                f"{name} is {short(value)}; the docs' example has {short(expected_values[name])}.",
            )
    if [name for name, _ in pairs] != [name for name, _ in expected]:
        return wrong(
            "payload",
            "Your pairs are in a different order than the docs' example. Binance accepts "
            "any order, but the signature covers the order you send; for this request "
            "it is: " + ", ".join(_MIXED_NAMES) + ".",
        )
    return None


def check_non_ascii(payload: object, signature: object) -> Feedback:
    """Exercise (01): the docs' order with symbol １２３４５６ — its payload, then its signature."""
    early = screen(
        payload,
        str,
        "the payload as a str",
        todo="Replace the first ... with the payload (build it with query_string), then "
        "the second ... with its signature.",
    )
    if early is not None:
        return early
    if payload != NON_ASCII_PAYLOAD:
        return _non_ascii_payload_mistake(payload, signature)
    return _non_ascii_signature(signature)


def _non_ascii_payload_mistake(payload: str, signature: object) -> Feedback:
    """A payload unlike the docs': left unencoded, escaped in lowercase or twice, or
    otherwise different (and then, whether its signature at least matches it)."""
    if NON_ASCII_SYMBOL in payload or any(ord(char) > 127 for char in payload):
        return wrong(
            "encoding",
            "You signed the unencoded text: your payload holds the raw symbol. Since "
            "2026-01-15 the payload must be percent-encoded before signing, or "
            "Binance answers -1022. Build it with query_string.",
        )
    upper_escapes = re.sub(r"%[0-9a-fA-F]{2}", lambda m: m.group(0).upper(), payload)
    if upper_escapes == NON_ASCII_PAYLOAD:
        return wrong(
            "encoding",
            "Your percent-escapes use lowercase hex (%ef%bc…); the docs' payload uses "
            "uppercase (%EF%BC…). Different bytes, different signature.",
        )
    if "%25" in payload:
        return wrong(
            "encoding",
            "You percent-encoded twice: '%' itself became '%25'. Encode the raw value "
            "once (query_string does).",
        )
    differs = (
        "Your payload differs from the docs' at byte "
        f"{first_difference(payload, NON_ASCII_PAYLOAD)}: expected\n{NON_ASCII_PAYLOAD}"
    )
    if isinstance(signature, str) and signature.lower() == hmac_hex(
        EXAMPLE_SECRET_KEY.encode(), payload.encode()
    ):
        return wrong(
            "payload",
            "Your signature matches your payload, so signing works; the payload is "
            "the stage that diverged.\n" + differs,
        )
    return wrong("payload", differs)


# This exercise's own typical wrong signature: the right payload's unencoded text signed.
SIGNED_UNENCODED = WrongSignature(
    "the unencoded text signed",
    "NON_ASCII_UNENCODED",
    lambda _payload: hmac_hex(EXAMPLE_SECRET_KEY.encode(), NON_ASCII_RAW_PAYLOAD.encode()),
    hint=Hint(
        "encoding",
        "Your payload is right, but you signed the unencoded text (the raw symbol). "
        "Sign the percent-encoded payload — the bytes you send — or Binance answers -1022.",
    ),
)


def _non_ascii_signature(signature: object) -> Feedback:
    """The signature of the right payload: the docs' one, a typical wrong one, or another."""
    feedback = diagnose_signature(
        signature,
        todo="Your payload is right. Now sign it with the example secret and put the hex "
        "in place of the second ....",
        payload=NON_ASCII_PAYLOAD,
        expected=NON_ASCII_SIGNATURE,
        extra=(SIGNED_UNENCODED,),
    )
    if feedback.status == CORRECT:
        return correct(
            f"Encoded payload, and its signature {NON_ASCII_SIGNATURE[:8]}… — both as in "
            "Binance's docs."
        )
    if feedback.stage == "signature":
        return wrong(
            "signature",
            "Your payload is right but the signature isn't: check the secret (the "
            "example secret, exactly) and that you signed the payload's bytes unchanged.",
        )
    return feedback
