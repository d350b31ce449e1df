"""Stage 2 — signature payload → signature.

Binance Spot API docs, rest-api.md → "Request Security" → "SIGNED Endpoint Examples for
POST /api/v3/order", **Step 2: Compute the signature**, once per API key type
(faqs/api_key_types.md); each signer is a pure function ``(key, payload) -> str`` — no
clock, no I/O, no global state — with the docs' words in its docstring:

1. ``hmac_sha256_hex(secret, payload)`` — HMAC-SHA256, lowercase hex (case-insensitive).
2. ``ed25519_signature(private_key, payload)`` — Ed25519, base64 (case-sensitive).
3. ``rsa_signature(private_key, payload)`` — RSASSA-PKCS1-v1_5 with SHA-256, base64.

``sign_payload(key_type, key, payload)`` picks one by its explicit ``key_type``.
The base64 signatures are percent-encoded later, when the request is assembled (the
WebSocket API sends them unencoded, inside JSON). A private key is passed explicitly, as
a loaded key or PEM text/bytes (``load_private_key``): the kit never opens a file for you
(a str is never taken for a path) and never guesses the key type.

What is refused, and why, is in ``helpers.validate.signing`` (a private key's checks in
``helpers.validate.private_key``): each function here calls it first, in one line. Only the
standard library is imported when this module loads; ``cryptography``
(``helpers.key_types``), ``base64`` and the private-key checks when an Ed25519 or RSA key
signs. Without ``cryptography`` (the browser edition) ``helpers.key_types`` hands over
``helpers.pure_crypto`` instead: the same calls, the same signatures (both are
deterministic), checked against each other by tests/pure_crypto.
"""

import hashlib
import hmac

from helpers.key_types import ED25519, HMAC, KEY_TYPES, RSA, checked_key, cryptography_modules
from helpers.validate.signing import validate_bytes, validate_hmac_arguments, validate_signer

__all__ = [
    "ED25519",
    "HMAC",
    "KEY_TYPES",
    "RSA",
    "ed25519_signature",
    "hmac_sha256_hex",
    "load_private_key",
    "rsa_signature",
    "sign_payload",
]


def hmac_sha256_hex(secret: str | bytes, payload: str | bytes) -> str:
    """HMAC-SHA256 of ``payload`` keyed with ``secret``, as lowercase hex.

    rest-api.md → "Request Security" → "SIGNED Endpoint Examples for POST /api/v3/order" →
    "HMAC Keys", Step 2: "Use the ``secretKey`` of your API key as the signing key for the
    HMAC-SHA-256 algorithm", "Sign the signature payload constructed in Step 1", "Encode
    the HMAC-SHA-256 output as a hex string"; "the resulting signature value is
    case-insensitive".

    ``secret`` is the secret key exactly as Binance shows it (``str`` or ``bytes``);
    ``payload`` is the signature payload (``str`` is encoded as UTF-8). For REST, build
    it with ``helpers.params.total_params``; it must already be percent-encoded.

        >>> hmac_sha256_hex("key", "The quick brown fox jumps over the lazy dog")
        'f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8'
    """
    key, message = validate_hmac_arguments(secret, payload)
    return hmac.new(key, message, hashlib.sha256).hexdigest()


# --- Ed25519 and RSA: sign with a private key, output base64 ---------------------------
# The key is loaded (or checked) first; a signer then signs the payload's bytes with it.


def load_private_key(
    key_type: str, private_key: object, *, password: str | bytes | None = None
) -> object:
    """The loaded private key for ``key_type`` (``"Ed25519"`` or ``"RSA"``), or a clear error.

    ``private_key`` is a loaded ``cryptography`` private key object, or PEM text (``str``)
    or bytes, PKCS#8 (Binance's format) or, for RSA, the traditional PKCS#1 form.
    ``password`` decrypts an encrypted PEM (``str`` is taken as UTF-8). Every refusal is a
    ``TypeError`` or ``ValueError`` naming ``private_key`` or ``password`` and saying
    what to pass instead — never an exception from deep inside ``cryptography``.
    """
    from helpers.validate.private_key import pem_load_error, validate_pem_key, validate_private_key

    wanted = validate_private_key(key_type, private_key, password)
    if not isinstance(private_key, (str, bytes, bytearray)):
        return private_key  # already loaded, and of the type wanted
    data = validate_bytes("private_key", private_key)  # PEM text: load it
    password_bytes = password.encode("utf-8") if isinstance(password, str) else password
    crypto = cryptography_modules()
    try:  # RSA's consistency check is made by checked_key: up to MAX_RSA_BITS_CHECKED
        key = crypto.serialization.load_pem_private_key(
            data, password=password_bytes, unsafe_skip_rsa_key_validation=True
        )
    except (TypeError, ValueError, crypto.UnsupportedAlgorithm) as exc:
        if (
            crypto.backend == "pure_crypto"
            and "encrypted" in str(exc)
            and not isinstance(exc, (TypeError, ValueError))
        ):  # the browser edition cannot open an encrypted PEM
            raise ValueError(f"private_key: {exc}") from None  # opening an encrypted PEM
        raise pem_load_error(exc, wanted, data, password_bytes) from None
    validate_pem_key(key, wanted, data, password_bytes)
    try:
        return checked_key(key)
    except ValueError as exc:  # an RSA key whose numbers do not agree: damaged
        raise pem_load_error(exc, wanted, data, password_bytes) from None


def ed25519_signature(
    private_key: object, payload: str | bytes, *, password: str | bytes | None = None
) -> str:
    """Ed25519 signature of ``payload``, as standard base64 (88 characters, 64 bytes).

    rest-api.md → "Request Security" → "SIGNED Endpoint Examples for POST /api/v3/order" →
    "Ed25519 Keys", Step 2: "Sign the payload", "Encode the output as a base64 string";
    "the payload and the resulting ``signature`` are **case-sensitive**". Ed25519 signs the
    message itself: there is no separate digest step.

    ``private_key`` is an ``Ed25519PrivateKey`` or its PEM (see ``load_private_key``);
    ``payload`` is the signature payload (``str`` is encoded as UTF-8). Ed25519 is
    deterministic: the same key and payload always give the same signature, which is why
    it can be checked against ``openssl pkeyutl -sign -rawin``. Percent-encode the result
    when you put it in a REST query string or body (``helpers.request`` does).
    """
    import base64  # only the Ed25519 and RSA signatures are base64

    key = load_private_key(ED25519, private_key, password=password)
    message = validate_bytes("payload", payload)
    return base64.b64encode(key.sign(message)).decode("ascii")


def rsa_signature(
    private_key: object, payload: str | bytes, *, password: str | bytes | None = None
) -> str:
    """RSASSA-PKCS1-v1_5 with SHA-256 of ``payload``, as standard base64.

    rest-api.md → "Request Security" → "SIGNED Endpoint Examples for POST /api/v3/order" →
    "RSA Keys", Step 2: "Sign the signature payload constructed in Step 1 using the
    RSASSA-PKCS1-v1_5 algorithm with SHA-256 hash function", "Encode the output in base64";
    case-sensitive, as Ed25519's.

    ``private_key`` is an ``RSAPrivateKey`` or its PEM (see ``load_private_key``). PKCS#1
    v1.5 padding is deterministic too, so the bytes equal ``openssl dgst -sha256 -sign``'s.
    A 2048-bit key gives 256 bytes, 344 base64 characters.
    """
    import base64  # only the Ed25519 and RSA signatures are base64

    key = load_private_key(RSA, private_key, password=password)
    message = validate_bytes("payload", payload)
    crypto = cryptography_modules()
    raw = key.sign(message, crypto.padding.PKCS1v15(), crypto.hashes.SHA256())
    return base64.b64encode(raw).decode("ascii")


def sign_payload(
    key_type: str, key: object, payload: str | bytes, *, password: str | bytes | None = None
) -> str:
    """Sign ``payload`` with the signer ``key_type`` names: HMAC hex, or Ed25519/RSA base64.

    ``key`` is the HMAC secret for ``"HMAC"``, the private key for the two others.
    """
    name = validate_signer(key_type, password)
    if name == HMAC:
        return hmac_sha256_hex(key, payload)
    if name == ED25519:
        return ed25519_signature(key, payload, password=password)
    return rsa_signature(key, payload, password=password)
