"""Notebook 00's exercise: ``sign(secret, payload)``, HMAC-SHA256 hex, written with ``hmac``
and ``hashlib`` — the learner's first function, kept in their signer.

Every case is an independent value, none computed by the kit's signer: RFC 4231's test
case 2 (another secret), and Binance's documented vectors (``helpers.examples``): the
WebSocket API's non-ASCII payload (raw UTF-8, so ``.encode()`` matters), the REST non-ASCII
and the mixed payload. The worked example of notebook 00 (the docs' ASCII payload) is not
among them, so nothing copied from it passes. A wrong signature is named from the kit's one
catalogue of wrong signatures (``helpers.wrong_signatures``), as the doctor names it.

- 00-start-here: ``sign(secret, payload) -> str`` — ``check_sign``
"""

import textwrap

from helpers.examples import EXAMPLE_API_KEY, EXAMPLE_SECRET_KEY, vector
from helpers.exercises import feedback as fb
from helpers.wrong_signatures import hint_for, hmac_hex, wrong_signatures

__all__ = ["SIGN_CASES", "check_sign", "name_signature"]

# RFC 4231, "Identifiers and Test Data for HMAC-SHA-224, -256, -384, and -512", test case 2.
RFC4231_CASE_2 = (
    ("Jefe", "what do ya want for nothing?"),
    "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
)
SIGN_CASES: tuple[tuple[tuple[str, str], str], ...] = (
    RFC4231_CASE_2,
    *(
        ((EXAMPLE_SECRET_KEY, vector(v)["payload"]), vector(v)["signature"])
        for v in ("ws-hmac-non-ascii", "rest-hmac-non-ascii", "rest-hmac-mixed")
    ),
)


def name_signature(args: tuple, got: object) -> str:
    """The catalogue's name for ``got``, a wrong signature of ``args`` (secret, payload)."""
    if not isinstance(got, str):
        return "Return the signature as text: 64 hex characters (.hexdigest())."
    secret, payload = args
    rows = wrong_signatures(secret.encode(), api_key=EXAMPLE_API_KEY.encode())
    hint = hint_for(rows, payload.encode(), got)
    if hint is None and got == hmac_hex(EXAMPLE_SECRET_KEY.encode(), payload.encode()):
        return "That is signed with the docs' example secret: sign with the secret argument."
    return textwrap.fill(hint.text, 86) if hint is not None else ""


def check_sign(sign: object) -> fb.Feedback:
    """Exercise 0.1: ``sign(secret, payload)`` on other secrets and payloads than the worked
    example's; kept in the learner's signer when every case matches."""
    return fb.try_cases(
        sign,
        SIGN_CASES,
        name="sign",
        stage="signature",
        todo="Write the body of sign (replace ...), then run this cell again.",
        passed="sign matches RFC 4231 and Binance's documented signatures, non-ASCII included.",
        why=name_signature,
        keep=True,
    )
