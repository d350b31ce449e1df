"""Notebook 00's check, and the diagnosis every HMAC signature answer gets (00, 01, 02).

The right answer is the docs' own: the signature of the REST example payload with the
example secret (``helpers.examples``, rest-api.md → "Request Security" → "SIGNED Endpoint
Examples for POST /api/v3/order"). The typical wrong answers (signed with the API key, key
and message swapped, a trailing newline, a plain hash, base64, ...) are the kit's one
catalogue of wrong signatures, ``helpers.wrong_signatures`` — the signature
doctor names the same ones — so a wrong signature is told which stage diverged.

- 00-start-here: the docs' signature with ``hmac``/``hashlib`` — ``check_first_signature``
"""

import re

from helpers.examples import EXAMPLE_API_KEY, EXAMPLE_SECRET_KEY, vector
from helpers.exercises.feedback import (
    Feedback,
    correct,
    is_placeholder,
    not_attempted,
    short,
    wrong,
)
from helpers.wrong_signatures import WrongSignature, hint_for, wrong_signatures

__all__ = [
    "DOC_PAYLOAD",
    "DOC_SIGNATURE",
    "check_first_signature",
    "diagnose_signature",
]

DOC_PAYLOAD: str = vector("rest-hmac-ascii")["payload"]
DOC_SIGNATURE: str = vector("rest-hmac-ascii")["signature"]
# The typical wrong signatures, made with the docs' example keys.
EXAMPLE_WRONG_SIGNATURES = wrong_signatures(
    EXAMPLE_SECRET_KEY.encode(), api_key=EXAMPLE_API_KEY.encode()
)


def diagnose_signature(
    signature: object,
    *,
    todo: str,
    payload: str = DOC_PAYLOAD,
    expected: str = DOC_SIGNATURE,
    extra: tuple[WrongSignature, ...] = (),
) -> Feedback:
    """Compare ``signature`` with the docs' ``expected`` hex; name the stage if it differs.

    ``todo`` is what to write when no signature is given yet; ``payload`` is what the
    signature should cover (with the example secret); ``extra`` adds typical wrong answers
    specific to one exercise, tried before the catalogue's.
    """
    if is_placeholder(signature):
        return not_attempted(todo)
    if isinstance(signature, (bytes, bytearray)):
        return _signature_as_bytes(bytes(signature), expected)
    if not isinstance(signature, str):
        return wrong(
            "answer",
            f"Expected the signature as a str of 64 hex characters, got "
            f"{type(signature).__name__}.",
        )
    if signature != signature.strip():
        return wrong(
            "answer",
            "Your signature has spaces or a newline around it: the server would take "
            "them as part of the signature. Strip it.",
        )
    if signature.lower() == expected:
        return _right_signature(signature, expected)
    hint = hint_for((*extra, *EXAMPLE_WRONG_SIGNATURES), payload.encode(), signature)
    if hint is not None:
        return wrong(*hint)
    return _unknown_signature(signature, payload)


def _signature_as_bytes(signature: bytes, expected: str) -> Feedback:
    """A signature handed in as bytes: the raw digest, the right hex as bytes, or neither."""
    if signature == bytes.fromhex(expected):
        return wrong(
            "hex",
            "You have the raw 32 bytes of the HMAC (.digest()). Binance wants them as "
            "64 hex characters: use .hexdigest(), or hmac_sha256_hex.",
        )
    if signature.lower() == expected.encode():
        return wrong(
            "hex",
            "Right signature, but as bytes: decode it to text with .decode('ascii').",
        )
    return wrong(
        "hex",
        f"Expected the signature as a str of 64 hex characters, got "
        f"{len(signature)} bytes. Use .hexdigest(), or hmac_sha256_hex.",
    )


def _right_signature(signature: str, expected: str) -> Feedback:
    """The docs' signature — in uppercase too, which Binance accepts for HMAC."""
    note = (
        " Uppercase is fine: Binance's HMAC signatures are not case-sensitive."
        if signature != expected
        else ""
    )
    return correct(f"{signature[:8]}… is the signature from Binance's docs.{note}")


def _unknown_signature(signature: str, payload: str) -> Feedback:
    """A signature that is no known wrong one: not hex at all, or hex of something else."""
    if len(signature) != 64 or not re.fullmatch(r"[0-9a-fA-F]+", signature):
        return wrong(
            "hex",
            f"An HMAC-SHA256 signature is 64 hex characters (0-9, a-f); yours is "
            f"{len(signature)} characters: {short(signature)}.",
        )
    return wrong(
        "signature",
        "A well-formed signature, but not the docs' one. Sign exactly this payload with "
        f"the example secret:\n{payload}\nIf you built the payload yourself, compare it "
        "with that text byte for byte (helpers.compare.compare).",
    )


def check_first_signature(signature: object) -> Feedback:
    """Exercise (00): the HMAC-SHA256 signature of the docs' example payload, as hex."""
    return diagnose_signature(
        signature,
        todo="Replace ... with your signature of the docs' payload (64 hex characters), "
        "then run the cell again.",
    )
