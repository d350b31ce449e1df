"""Notebook 06's checks (Ed25519 and RSA keys): an Ed25519 signature by hand, and a verifier.

Each ``check_…`` takes the learner's answer and returns a ``Feedback`` naming the stage
that diverged; an answer not given yet (``...`` or ``None``) says "Not attempted yet", and
nothing the learner writes makes a check raise.

The right answer is a literal: the Ed25519 signature ``openssl pkeyutl -sign -rawin``
gives for the kit's visibly fake seed over the payload of Binance's Ed25519 example (the
tests re-derive it with openssl). Binance publishes no private key for its Ed25519 and RSA
examples, so no official Ed25519 vector exists to copy. The checks *compute* only the
typical wrong answers, so they can name the mistake.

- 06-use-ed25519-and-rsa-keys: an Ed25519 signature by hand — ``check_ed25519_signature``;
  verify like the server — ``check_ed25519_verifier``. Notebook 07 logs on with the same
  key (``helpers.exercises.websocket``).
"""

import base64
import binascii
import hashlib
import hmac
import urllib.parse

from helpers.examples import EXAMPLE_SECRET_KEY
from helpers.exercises.feedback import Feedback, correct, screen, short, wrong
from helpers.exercises.signatures import judge_verifier

__all__ = [
    "API_KEY",
    "PAYLOAD",
    "SEED",
    "SIGNATURE",
    "check_ed25519_signature",
    "check_ed25519_verifier",
    "private_key",
]

# --- the kit's fake Ed25519 key and the payload it signs ------------------------------

# A visibly fake seed: 32 bytes of readable text, so nobody mistakes it for a real key.
SEED = b"kit-example-seed-not-a-real-key!"
# A visibly fake API key for it (Binance issues a 64-character one when you register).
API_KEY = "KitFakeEd25519ApiKey"

# Binance Spot API docs, REST API, "Ed25519 Keys": the example's signature payload.
PAYLOAD = (
    "symbol=BTCUSDT&side=SELL&type=LIMIT&timeInForce=GTC&quantity=1&price=0.2"
    "&timestamp=1668481559918&recvWindow=5000"
)
# openssl pkeyutl -sign -rawin -inkey <SEED as PKCS#8 PEM> -in <PAYLOAD>, base64.
SIGNATURE = (
    "Ug112+CzTfEoxL0wfw7HNHTifqSqGTSjjOexIiILzjOeUPVhiHDdr+KpkvGx7qsissUQ/drPzxIXc43ZUXSuBQ=="
)


def private_key():
    """The Ed25519 private key made from ``SEED`` (cryptography is imported on first use)."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    return Ed25519PrivateKey.from_private_bytes(SEED)


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii")


# --- 06: an Ed25519 signature by hand ---------------------------------------------------


def _ed25519_candidates() -> list[tuple[str, str, str]]:
    """Typical wrong answers for PAYLOAD: (text, stage, what went wrong)."""
    key = private_key()
    raw = base64.b64decode(SIGNATURE)
    message = PAYLOAD.encode()
    return [
        (
            raw.hex(),
            "encoding",
            "That is the signature in hex. Hex is HMAC's format; Ed25519 and RSA signatures "
            "are base64: base64.b64encode(signature_bytes).decode().",
        ),
        (
            base64.urlsafe_b64encode(raw).decode(),
            "encoding",
            "That is URL-safe base64 ('-' and '_'). Binance wants standard base64 ('+' and "
            "'/'): base64.b64encode, and percent-encode it when the request is assembled.",
        ),
        (
            SIGNATURE.rstrip("="),
            "encoding",
            "The '=' padding is missing. Keep base64's padding; percent-encoding turns it "
            "into %3D later.",
        ),
        (
            urllib.parse.quote(SIGNATURE, safe=""),
            "encoding",
            "Right signature, but already percent-encoded. Give the base64 here: "
            "percent-encoding happens when the request is assembled (and never on the "
            "WebSocket API).",
        ),
        (
            _b64(key.sign(message + b"\n")),
            "payload",
            "You signed the payload plus a newline (`echo` without -n, or a line read from "
            "a file). Sign the payload's bytes exactly.",
        ),
        (
            _b64(key.sign(hashlib.sha256(message).digest())),
            "algorithm",
            "You signed the SHA-256 digest of the payload. Ed25519 signs the message itself "
            "(it hashes internally, with SHA-512): no digest step. That is the slip in "
            "Binance's doc command `openssl dgst -sha256 -sign`.",
        ),
        (
            _b64(key.sign(hashlib.sha256(message).hexdigest().encode())),
            "algorithm",
            "You signed the hex SHA-256 of the payload. Ed25519 signs the message itself.",
        ),
        (
            hmac.new(EXAMPLE_SECRET_KEY.encode(), message, hashlib.sha256).hexdigest(),
            "key type",
            "That is HMAC-SHA256 with the example secret key. This exercise signs with the "
            "Ed25519 private key: private_key.sign(payload.encode()).",
        ),
    ]


def check_ed25519_signature(signature: object) -> Feedback:
    """Exercise (06): the Ed25519 signature of ``PAYLOAD`` with the kit's seed, as base64."""
    early = screen(
        signature,
        todo="Replace ... with the base64 Ed25519 signature of the payload, then run the cell "
        "again.",
    )
    if early is not None:
        return early
    if isinstance(signature, (bytes, bytearray)):
        return _ed25519_as_bytes(bytes(signature))
    if not isinstance(signature, str):
        return wrong(
            "answer", f"Expected the signature as a base64 str, got {type(signature).__name__}."
        )
    if signature == SIGNATURE:
        return correct(
            f"{SIGNATURE[:8]}… is the Ed25519 signature openssl gives for this key and "
            "payload. Ed25519 is deterministic: same key, same payload, same signature."
        )
    if signature.strip() == SIGNATURE:
        return wrong("answer", "Your signature has spaces or a newline around it: strip it.")
    if signature.lower() == SIGNATURE.lower():
        return wrong(
            "case",
            "The letters' case changed. Base64 is case-sensitive (unlike HMAC's hex): a "
            "changed case is another signature.",
        )
    for candidate, stage, why in _ed25519_candidates():
        if signature == candidate or signature.lower() == candidate.lower():
            return wrong(stage, why)
    return _ed25519_unknown(signature)


def _ed25519_as_bytes(data: bytes) -> Feedback:
    """A signature handed in as bytes: the raw 64 bytes, the right base64 as bytes, or other."""
    if data == base64.b64decode(SIGNATURE):
        return wrong(
            "encoding",
            "You have the raw 64 signature bytes. Binance wants them as base64 text: "
            "base64.b64encode(signature).decode('ascii').",
        )
    if data == SIGNATURE.encode():
        return wrong("encoding", "Right signature, but as bytes: .decode('ascii') it.")
    return wrong(
        "encoding",
        f"Expected the signature as a base64 str, got {len(data)} bytes.",
    )


def _ed25519_unknown(signature: str) -> Feedback:
    """A signature that is no known wrong one: RSA-sized, another Ed25519 one, or no base64."""
    try:
        decoded = base64.b64decode(signature, validate=True)
    except (binascii.Error, ValueError):
        decoded = None
    if decoded is not None and len(decoded) == 256:
        return wrong(
            "key type",
            "That is 256 bytes: an RSA-2048 signature. Sign with the Ed25519 private key.",
        )
    if decoded is not None and len(decoded) == 64:
        return wrong(
            "signature",
            "A well-formed Ed25519 signature, but not of this payload with this key. Sign "
            "exactly payload.encode() with the key made from the seed, and compare the "
            "payload with PAYLOAD byte for byte.",
        )
    return wrong(
        "encoding",
        f"An Ed25519 signature is 64 bytes, 88 base64 characters; yours is {short(signature)}.",
    )


def check_ed25519_verifier(func: object) -> Feedback:
    """Exercise (06): ``func(public_key, payload, signature) -> bool``, the server's side.

    ``payload`` and ``signature`` are ``str`` (the signature percent-decoded already, as a
    server has it). The verifier must read the base64, verify with the public key, and
    answer False — never raise — for a signature that is tampered with, in another case,
    or not base64 at all.
    """
    early = screen(
        func,
        callable,
        "a function (public_key, payload, signature) -> bool",
        todo="Replace ... with your function's name (def verify(public_key, payload, "
        "signature): ...), then run the cell again.",
    )
    if early is not None:
        return early
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    public = private_key().public_key()
    other = Ed25519PrivateKey.from_private_bytes(bytes(range(32))).public_key()
    hex_signature = hmac.new(
        EXAMPLE_SECRET_KEY.encode(), PAYLOAD.encode(), hashlib.sha256
    ).hexdigest()
    # (public key, payload, signature, should accept, stage, what it means if it disagrees)
    cases = (
        (public, PAYLOAD, SIGNATURE, True, "verify",
         "It rejects a good signature. base64.b64decode the signature, then "
         "public_key.verify(signature_bytes, payload.encode()) — it returns None when the "
         "signature is good and raises InvalidSignature when not."),
        (public, PAYLOAD + "&quantity=2", SIGNATURE, False, "verify",
         "It accepts a signature over a different payload. Verify over the payload you "
         "were given."),
        (other, PAYLOAD, SIGNATURE, False, "key",
         "It accepts the signature under another public key. Use the public key you are "
         "given."),
        (public, PAYLOAD, SIGNATURE.swapcase(), False, "case",
         "It accepts the signature with its letters' case swapped. Base64 is case-sensitive: "
         "never lowercase it or compare it case-insensitively."),
        (public, PAYLOAD, SIGNATURE.replace("+", " "), False, "base64",
         "It accepts a signature whose '+' arrived as a space."),
        (public, PAYLOAD, SIGNATURE.rstrip("="), False, "base64",
         "It accepts a signature without its padding."),
        (public, PAYLOAD, hex_signature, False, "key type",
         "It accepts an HMAC hex signature."),
        (public, PAYLOAD, "", False, "base64", "It accepts an empty signature."),
    )  # fmt: skip
    return judge_verifier(
        func,
        cases,
        raised=_verifier_raised,
        passed="Your verifier accepts the good signature and rejects every tampered payload, "
        "key, case and encoding — without raising, as a server must.",
    )


def _verifier_raised(exc: Exception, signature: str, accept: bool) -> Feedback:
    if accept:
        return wrong(
            "verify",
            f"On a good signature your function raised {type(exc).__name__}: {exc}. "
            "It is called as func(public_key, payload, signature) with str payload "
            "and signature.",
        )
    return wrong(
        "errors",
        f"On a bad signature ({short(signature, 30)}) your function raised "
        f"{type(exc).__name__} instead of returning False. Catch "
        "cryptography.exceptions.InvalidSignature, and binascii.Error (ValueError) "
        "from base64.b64decode.",
    )
