"""Notebook 01's exercises: the payload built from scratch — ``percent_encode``,
``query_string``, ``total_params`` — then a Decimal's text and a signed query string.

Every expected value is a recorded one, never computed by the kit: the strings below are
the ``query_string``, ``body`` and ``payload`` fields of ``tests/vectors/*.json`` (computed
independently by ``tests/vectors/generate.py``, each named beside its case), Binance's
documented vectors (``helpers.examples``), and one signature made with ``openssl dgst
-sha256 -hmac Jefe``. None is the worked example of the notebook, so nothing copied from a
cell above passes. A wrong answer is named from the one catalogue of mistakes
(``helpers.mistakes``), as the doctor names it.

- 01-assemble-parameters: ``percent_encode(text)`` — ``check_percent_encode``;
  ``query_string(pairs)`` — ``check_query_string``; ``total_params(query, body)`` —
  ``check_total_params``; ``decimal_text(amount)`` — ``check_decimal_text``;
  ``signed_query(secret, pairs)`` — ``check_signed_query``
"""

import textwrap
from decimal import Decimal

from helpers.examples import EXAMPLE_SECRET_KEY, vector
from helpers.exercises import feedback as fb

__all__ = [
    "DECIMAL_CASES",
    "PERCENT_CASES",
    "QUERY_CASES",
    "SIGNED_QUERY_CASES",
    "TOTAL_CASES",
    "check_decimal_text",
    "check_percent_encode",
    "check_query_string",
    "check_signed_query",
    "check_total_params",
]

T = ("timestamp", "1499827319559")
W = ("recvWindow", "5000")
UTF8_QUERY = "symbol=%C3%84%C3%96%E2%82%AC%F0%9F%9A%80&recvWindow=5000&timestamp=1499827319559"
RESERVED = "a+b/c=d&e%f~g-h_i.j k:l?m#n"

PERCENT_CASES = (
    (("my order 1",), "my%20order%201"),  # get-space
    ((RESERVED,), "a%2Bb%2Fc%3Dd%26e%25f~g-h_i.j%20k%3Al%3Fm%23n"),  # reserved-chars
    (("ÄÖ€🚀",), "%C3%84%C3%96%E2%82%AC%F0%9F%9A%80"),  # get-utf8
    (("%EF%BC%91",), "%25EF%25BC%2591"),  # already-encoded
    (('["BTCUSDT","BNBBTC"]',), "%5B%22BTCUSDT%22%2C%22BNBBTC%22%5D"),  # json-array-value
)
QUERY_CASES = (
    (([("origClientOrderId", "my order 1"), T],),
     "origClientOrderId=my%20order%201&timestamp=1499827319559"),  # get-space
    (([("symbol", "ÄÖ€🚀"), W, T],), UTF8_QUERY),  # get-utf8
    (([T, ("symbol", "LTCBTC"), ("side", "BUY")],),
     "timestamp=1499827319559&symbol=LTCBTC&side=BUY"),  # mixed-unsorted: order kept
    (([("newClientOrderId", RESERVED)],),
     "newClientOrderId=a%2Bb%2Fc%3Dd%26e%25f~g-h_i.j%20k%3Al%3Fm%23n"),  # reserved-chars
)  # fmt: skip
TOTAL_CASES = (
    (("timestamp=1499827319559&symbol=LTCBTC&side=BUY",
      "type=LIMIT&quantity=1&price=0.1&timeInForce=GTC&recvWindow=5000"),
     "timestamp=1499827319559&symbol=LTCBTC&side=BUYtype=LIMIT&quantity=1&price=0.1"
     "&timeInForce=GTC&recvWindow=5000"),  # mixed-unsorted
    (("", "symbol=LTCBTC&recvWindow=5000&timestamp=1499827319559"),
     "symbol=LTCBTC&recvWindow=5000&timestamp=1499827319559"),  # a body alone
    ((UTF8_QUERY, ""), UTF8_QUERY),  # get-utf8: a query string alone
)  # fmt: skip
DECIMAL_CASES = (
    ((Decimal("5E-8"),), "0.00000005"),
    ((Decimal("0.00001"),), "0.00001"),
    ((Decimal("1.2E+3"),), "1200"),
    ((Decimal("2.50"),), "2.50"),
)
SIGNED_QUERY_CASES = (
    (("Jefe", [("symbol", "ÄÖ€🚀"), T]),  # get-utf8's pieces; openssl dgst -sha256 -hmac Jefe
     "symbol=%C3%84%C3%96%E2%82%AC%F0%9F%9A%80&timestamp=1499827319559"
     "&signature=556f7dd58775fd75f7d844ae9241e31ed76a7d4c93fbaa28e7addbdf5fe50d69"),
    ((EXAMPLE_SECRET_KEY, [tuple(p) for p in vector("rest-hmac-non-ascii")["query"]]),
     vector("rest-hmac-non-ascii")["payload"] + "&signature="
     + vector("rest-hmac-non-ascii")["signature"]),
)  # fmt: skip


def _mistake(code: str) -> str:
    """One line from the catalogue of mistakes: the mistake's title and why."""
    from helpers.mistakes import by_code  # only when an answer is wrong

    found = by_code(code)
    return textwrap.fill(f"{found.title.replace('`', '')}: {found.why}", 86)


def _encoding_slip(args: tuple, got: object) -> str:
    """The catalogue's name for a wrong encoding in ``got``, if it shows one."""
    text = got if isinstance(got, str) else ""
    if "+" in text and " " in "".join(map(str, args)) and "%20" not in text:
        return _mistake("SPACE_PLUS_VS_PERCENT20")
    if any(ord(c) > 127 for c in text):
        return _mistake("NON_ASCII_UNENCODED")
    if any(c in "abcdef" for c in "".join(text.split("%")[1:])[:2]) and "%" in text:
        return "Hex digits after % are uppercase: %C3, not %c3."
    return ""


def _order_slip(args: tuple, got: object) -> str:
    """Parameters reordered (sorted, say), else an encoding slip."""
    names = [name for name, _ in args[0]]
    sent = [part.split("=")[0] for part in got.split("&")] if isinstance(got, str) else []
    if sorted(sent) == sorted(names) and sent != names:
        return _mistake("PARAMS_REORDERED")
    return _encoding_slip(args, got)


def check_percent_encode(percent_encode: object) -> fb.Feedback:
    """Exercise 1.1: ``percent_encode(text)`` on a space, reserved characters, 2- to 4-byte
    UTF-8, a ``%`` and JSON (tests/vectors); kept in the learner's signer when right."""
    return fb.try_cases(percent_encode, PERCENT_CASES, name="percent_encode", stage="encoding",
                     todo="Write the body of percent_encode (replace ...), then run this cell.",
                     passed="percent_encode matches the recorded vectors: space, reserved, "
                            "UTF-8, %, JSON.",
                     why=_encoding_slip, keep=True)  # fmt: skip


def check_query_string(query_string: object) -> fb.Feedback:
    """Exercise 1.2: ``query_string(pairs)`` on a space, non-ASCII, reserved characters and
    pairs in no sorted order (tests/vectors); kept in the learner's signer when right."""
    return fb.try_cases(query_string, QUERY_CASES, name="query_string", stage="payload",
                     todo="Write the body of query_string (replace ...), then run this cell.",
                     passed="query_string matches the kit's recorded vectors, in the order given.",
                     why=_order_slip, keep=True)  # fmt: skip


def _joined(args: tuple, got: object) -> str:
    query, body = args
    return _mistake("QUERY_BODY_JOINED_WITH_AMPERSAND") if got == f"{query}&{body}" else ""


def check_total_params(total_params: object) -> fb.Feedback:
    """Exercise 1.3: ``total_params(query, body)`` on a mixed request (tests/vectors'
    mixed-unsorted), a body alone and a query string alone; kept when right."""
    return fb.try_cases(total_params, TOTAL_CASES, name="total_params", stage="payload",
                     todo="Write the body of total_params (replace ...), then run this cell.",
                     passed="total_params matches: mixed, body alone, query string alone.",
                     why=_joined, keep=True)  # fmt: skip


def _exponent(args: tuple, got: object) -> str:
    return _mistake("FLOAT_EXPONENT") if isinstance(got, str) and "E" in got.upper() else ""


def check_decimal_text(decimal_text: object) -> fb.Feedback:
    """Exercise 1.4: ``decimal_text(amount)``, a ``Decimal`` written in plain notation."""
    return fb.try_cases(decimal_text, DECIMAL_CASES, name="decimal_text", stage="value",
                     todo="Write the body of decimal_text (replace ...), then run this cell.",
                     passed="decimal_text writes plain notation: no exponent, digits kept.",
                     why=_exponent)  # fmt: skip


def _payload_of(func: object):
    """``func`` whose result is cut before ``&signature=``: the payload stage alone."""
    if not callable(func):
        return func

    def payload_only(*args):
        got = func(*args)
        return got.split("&signature=")[0] if isinstance(got, str) else got

    return payload_only


def _signature_slip(args: tuple, got: object) -> str:
    """The catalogue's name for the signature part of ``got``, signed over its payload."""
    from helpers.exercises.nb00_sign import name_signature

    payload, _, signature = got.partition("&signature=") if isinstance(got, str) else ("", "", "")
    return name_signature((args[0], payload), signature)


def check_signed_query(signed_query: object) -> fb.Feedback:
    """Exercise 1.5: ``signed_query(secret, pairs)`` — the query string, then
    ``&signature=`` and its HMAC hex — on non-ASCII pairs, another secret first. The
    payload stage is judged before the signature stage."""
    todo = "Write the body of signed_query (replace ...), then run this cell."
    payloads = [(args, expected.split("&signature=")[0]) for args, expected in SIGNED_QUERY_CASES]
    payload = fb.try_cases(_payload_of(signed_query), payloads, name="signed_query",
                        stage="payload", todo=todo, passed="", why=_encoding_slip)  # fmt: skip
    if not payload:
        return payload
    return fb.try_cases(signed_query, SIGNED_QUERY_CASES, name="signed_query", stage="signature",
                     todo=todo, passed="signed_query matches: payload, then signature, on another "
                     "secret and non-ASCII pairs.",
                     why=_signature_slip)  # fmt: skip
