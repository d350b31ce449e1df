"""Signature mistakes: the HMAC built another way, or written in another form than hex.

"Encode the HMAC-SHA-256 output as a hex string" (REST API, "SIGNED Endpoint Examples
for POST /api/v3/order" → "HMAC Keys", Step 2); Ed25519 and RSA signatures are base64,
percent-encoded once ("Ed25519 Keys"). HMAC signatures are "not case-sensitive"
("Signature Case Sensitivity"): an uppercase hex signature is no mistake at all.
"""

import base64
import hashlib
import hmac
import urllib.parse

from helpers.mistakes.mistake import INFERRED, MODEL_CHOICE, Mistake, Pitfall
from helpers.mistakes.sources import (
    CASE_SENSITIVITY,
    ED25519_KEYS,
    HMAC_KEYS,
    INVALID_SIGNATURE,
    KEY_TYPES,
)
from helpers.mistakes.ways import account_right, get_signed


def signature_in_base64(ctx):
    query = f"timestamp={ctx.timestamp}"
    raw = hmac.new(ctx.secret.encode(), query.encode(), hashlib.sha256).digest()  # Java's doFinal
    signature = urllib.parse.quote(base64.b64encode(raw).decode(), safe="")
    return query, get_signed(ctx, "/api/v3/account", query, signature)


SIGNATURE_NOT_HEX = Mistake(
    code="SIGNATURE_NOT_HEX", stage="signature", proof="request + signature",
    title="The HMAC signature is not 64 hex characters",
    why="An HMAC signature is the 32 bytes of HMAC-SHA256 written as hex; raw bytes or "
    "base64 are other texts, so they never verify (base64 is for Ed25519 and RSA keys).",
    fix="`.hexdigest()` in Python, `.digest('hex')` in Node, `HexFormat.of().formatHex(...)` "
    "in Java, `OpenSSL::HMAC.hexdigest` in Ruby.",
    source=HMAC_KEYS,
    pitfalls=(
        Pitfall(
            name="signature-in-base64",
            wrong=signature_in_base64, right=account_right, expected=-1022,
        ),
    ),
)

WRONG_KEY_TYPE = Mistake(
    code="WRONG_KEY_TYPE", stage="signature", proof="request",
    title="A signature of another key type",
    why="HMAC signatures are 64 hex characters; Ed25519 and RSA signatures are base64 (of "
    "64 bytes, and of the key size). The signature sent has the other type's shape.",
    fix="Sign with the key type registered for this API key (`helpers.signing.sign_payload`).",
    source=KEY_TYPES,
    certainty=MODEL_CHOICE,  # that Binance answers -1022
)

BASE64_SIGNATURE_MANGLED = Mistake(
    code="BASE64_SIGNATURE_MANGLED", stage="signature", proof="signature",
    title="The base64 signature mangled on the way",
    why="An Ed25519/RSA signature is base64, whose `+`, `/` and `=` must be percent-encoded "
    "in the request: a bare `+` arrives as a space; URL-safe base64, a dropped `=` or "
    "a double encoding are other texts.",
    fix="Standard base64 (`base64.b64encode`), then percent-encode it once "
    "(`helpers.params.percent_encode`).",
    source=ED25519_KEYS,
    certainty=MODEL_CHOICE,  # the strict reading of base64
)

KEY_MESSAGE_SWAPPED = Mistake(
    code="KEY_MESSAGE_SWAPPED", stage="signature", proof="signature",
    title="HMAC key and message swapped",
    why="The payload was used as the HMAC key and the secret as the message.",
    fix="`hmac.new(secret, payload, hashlib.sha256)`: the secret is the key.",
    source=HMAC_KEYS,
)


def secret_concatenated(ctx):
    query = f"timestamp={ctx.timestamp}"
    # The seed article: "concatenate it with your secret key and then generate the ... hash"
    signature = hashlib.sha256((query + ctx.secret).encode()).hexdigest()
    return query, get_signed(ctx, "/api/v3/account", query, signature)


SECRET_CONCATENATED = Mistake(
    code="SECRET_CONCATENATED", stage="signature", proof="signature",
    title="Secret concatenated with the payload and hashed",
    why="A hash of the payload and the secret concatenated (in either order), or an HMAC "
    "of them, is not HMAC(secret, payload): another construction, so another digest. "
    "(sha256(secret + message) is also open to length extension; sha256(message + "
    "secret) cannot be extended that way, and is still not what Binance computes.)",
    fix="HMAC-SHA256 with the secret as the key and the payload as the message.",
    source=HMAC_KEYS,
    pitfalls=(
        Pitfall(
            name="secret-concatenated",
            wrong=secret_concatenated, right=account_right, expected=-1022,
        ),
    ),
)

UNKNOWN_MISMATCH = Mistake(
    code="UNKNOWN_MISMATCH", stage="signature", proof="signature",
    title="The signature does not verify, and no known mistake explains it",
    why="No hypothesis reproduces the signature. Either the payload differs in a way the "
    "doctor does not know, or the key differs.",
    fix="Pass `signed_payload=` (the exact text your code signed) to see the first "
    "differing byte; if it is identical to what was sent, the key differs.",
    source=INVALID_SIGNATURE,
    certainty=INFERRED,
)


def uppercase_hex(ctx):
    query = f"timestamp={ctx.timestamp}"
    signature = hmac.new(ctx.secret.encode(), query.encode(), hashlib.sha256).hexdigest().upper()
    return query, get_signed(ctx, "/api/v3/account", query, signature)  # C8DB… is c8db…


OK = Mistake(
    code="OK", stage="-", proof="signature + request",
    title="Nothing wrong",
    why="The signature verifies over the bytes sent and nothing in the request would be refused.",
    fix="Nothing to fix.",
    source=CASE_SENSITIVITY,
    pitfalls=(
        Pitfall(
            name="uppercase-hex",
            case="an uppercase hex signature, a myth: HMAC signatures are not case-sensitive",
            wrong=uppercase_hex, right=account_right, expected=0,
        ),
    ),
)
