"""Notebook 00's check, and the diagnosis every HMAC signature answer gets (00, 01, 02).

The right answer is the docs' own: the signature of the REST example payload with the
example secret (``helpers.examples``, rest-api.md → "Request Security" → "SIGNED Endpoint
Examples for POST /api/v3/order"). What is *computed* here are the typical wrong answers
(signed with the API key, key and message swapped, a trailing newline, a plain hash, ...),
so a wrong signature is told which stage diverged.

- 00-start-here: the docs' signature with ``hmac``/``hashlib`` — ``check_first_signature``
"""

import base64
import hashlib
import hmac
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

__all__ = [
    "DOC_PAYLOAD",
    "DOC_SIGNATURE",
    "check_first_signature",
    "diagnose_signature",
    "hmac_hex",
]

DOC_PAYLOAD: str = vector("rest-hmac-ascii")["payload"]
DOC_SIGNATURE: str = vector("rest-hmac-ascii")["signature"]


def hmac_hex(key: bytes, message: bytes) -> str:
    """HMAC-SHA256 as hex: what the typical wrong answers are computed with."""
    return hmac.new(key, message, hashlib.sha256).hexdigest()


def _signature_candidates(payload: str) -> list[tuple[str, str, str]]:
    """Typical wrong signatures for ``payload``: (hex, stage, what went wrong)."""
    p, s, k = payload.encode(), EXAMPLE_SECRET_KEY.encode(), EXAMPLE_API_KEY.encode()
    return [
        (
            hmac_hex(k, p),
            "key",
            "You used the API key as the HMAC key. The key is the secret key; the API key "
            "only travels in the X-MBX-APIKEY header.",
        ),
        (
            hmac_hex(p, s),
            "key",
            "You swapped key and message: hmac.new(secret, payload, ...) — the secret is "
            "the key, the payload is the message.",
        ),
        (
            hmac_hex(s, p + b"\n"),
            "payload",
            "You signed the payload plus a trailing newline (`echo` without -n does that, "
            "and so does a line read from a file). Sign the payload bytes exactly.",
        ),
        (
            hmac_hex(s + b"\n", p),
            "secret",
            "Your secret has a trailing newline (read from a file or `echo` without -n?). "
            "Strip it where you read it.",
        ),
        (
            hashlib.sha256(s + p).hexdigest(),
            "algorithm",
            "That is sha256(secret + payload), a plain hash, not HMAC. Use "
            "hmac.new(secret_bytes, payload_bytes, hashlib.sha256).",
        ),
        (
            hashlib.sha256(p + s).hexdigest(),
            "algorithm",
            "That is sha256(payload + secret), a plain hash, not HMAC. Use "
            "hmac.new(secret_bytes, payload_bytes, hashlib.sha256).",
        ),
        (
            hashlib.sha256(p).hexdigest(),
            "algorithm",
            "That is sha256(payload): no secret at all, so anyone could compute it. "
            "Use HMAC with the secret as the key.",
        ),
    ]


def diagnose_signature(
    signature: object,
    *,
    todo: str,
    payload: str = DOC_PAYLOAD,
    expected: str = DOC_SIGNATURE,
    extra: tuple[tuple[str, str, str], ...] = (),
) -> Feedback:
    """Compare ``signature`` with the docs' ``expected`` hex; name the stage if it differs.

    ``todo`` is what to write when no signature is given yet; ``payload`` is what the
    signature should cover (with the example secret); ``extra`` adds typical wrong answers
    specific to one exercise.
    """
    if is_placeholder(signature):
        return not_attempted(todo)
    raw = bytes.fromhex(expected)
    if isinstance(signature, (bytes, bytearray)):
        if bytes(signature) == raw:
            return wrong(
                "hex",
                "You have the raw 32 bytes of the HMAC (.digest()). Binance wants them as "
                "64 hex characters: use .hexdigest(), or hmac_sha256_hex.",
            )
        if bytes(signature).lower() == expected.encode():
            return wrong(
                "hex",
                "Right signature, but as bytes: decode it to text with .decode('ascii').",
            )
        return wrong(
            "hex",
            f"Expected the signature as a str of 64 hex characters, got "
            f"{len(signature)} bytes. Use .hexdigest(), or hmac_sha256_hex.",
        )
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
        note = (
            " Uppercase is fine: Binance's HMAC signatures are not case-sensitive."
            if signature != expected
            else ""
        )
        return correct(f"{signature[:8]}… is the signature from Binance's docs.{note}")
    if signature == base64.b64encode(raw).decode():
        return wrong(
            "hex",
            "That is the HMAC in base64. HMAC signatures for Binance are hex "
            "(.hexdigest()); base64 is for Ed25519 and RSA keys.",
        )
    for candidate, stage, why in (*extra, *_signature_candidates(payload)):
        if signature.lower() == candidate:
            return wrong(stage, why)
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
