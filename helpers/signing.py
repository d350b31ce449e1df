"""Stage 2 — signature payload → signature.

Binance Spot API docs, rest-api.md → "Request Security" → "SIGNED Endpoint Examples for
POST /api/v3/order" → "HMAC Keys", "Step 2: Compute the signature": "Use the `secretKey` of
your API key as the signing key for the HMAC-SHA-256 algorithm", "Encode the HMAC-SHA-256
output as a hex string"; the signature value is case-insensitive.

Three signers, one per API key type (faqs/api_key_types.md), each a pure function
``(key, payload) -> str`` — no clock, no I/O, no global state:

1. ``hmac_sha256_hex(secret, payload)`` — HMAC-SHA256, lowercase hex (case-insensitive).
2. ``ed25519_signature(private_key, payload)`` — Ed25519, base64 (case-sensitive).
3. ``rsa_signature(private_key, payload)`` — RSASSA-PKCS1-v1_5 with SHA-256, base64.

``sign_payload(key_type, key, payload)`` picks one by its explicit ``key_type``.
The base64 signatures are percent-encoded later, when the request is assembled.
Only the standard library is imported when this module loads; ``cryptography`` is
imported inside the Ed25519 and RSA signers, on first use.
"""

import base64
import hashlib
import hmac
import os
import re

__all__ = [
    "ED25519",
    "HMAC",
    "KEY_TYPES",
    "RSA",
    "ed25519_signature",
    "hmac_sha256_hex",
    "key_type_name",
    "load_private_key",
    "rsa_signature",
    "sign_payload",
]


def _as_bytes(label: str, value: object) -> bytes:
    """``str`` is encoded as UTF-8; ``bytes`` are used as they are; anything else is refused."""
    if isinstance(value, str):
        try:
            return value.encode("utf-8")
        except UnicodeEncodeError as exc:
            raise ValueError(
                f"{label}: holds a character UTF-8 cannot encode (a lone surrogate, at "
                f"index {exc.start}); fix the text where you read it"
            ) from None
    if isinstance(value, (bytes, bytearray)):
        return bytes(value)
    raise TypeError(f"{label}: expected str or bytes, got {type(value).__name__}")


def _secret_bytes(secret: object) -> bytes:
    """The HMAC key: the secret's own bytes, never base64-decoded, never stripped."""
    if not isinstance(secret, (str, bytes, bytearray)) and callable(getattr(secret, "sign", None)):
        raise TypeError(
            f"secret: got a private key object ({type(secret).__name__}). An HMAC secret "
            "is text; a private key signs with ed25519_signature or rsa_signature "
            "(sign_request: key_type='Ed25519' or 'RSA', private_key=...)"
        )
    key = _as_bytes("secret", secret)
    if key.lstrip().startswith(_PEM_BEGIN):
        raise ValueError(
            "secret: this is PEM text (a private or public key), not an HMAC secret. A "
            "private key signs with ed25519_signature or rsa_signature (sign_request: "
            "key_type='Ed25519' or 'RSA', private_key=...)"
        )
    if not key:
        raise ValueError("secret is empty: pass the secret key Binance showed you")
    if key != key.strip():
        raise ValueError(
            "secret has leading or trailing whitespace (a newline from copy-paste or "
            "`echo` without -n?); it is not stripped for you because that would sign "
            "with a different key than you think: strip it where you read it"
        )
    return key


def hmac_sha256_hex(secret: str | bytes, payload: str | bytes) -> str:
    """HMAC-SHA256 of ``payload`` keyed with ``secret``, as lowercase hex.

    ``secret`` is the secret key exactly as Binance shows it (``str`` or ``bytes``);
    ``payload`` is the signature payload (``str`` is encoded as UTF-8). For REST, build
    it with ``helpers.params.total_params``; it must already be percent-encoded.

        >>> hmac_sha256_hex("key", "The quick brown fox jumps over the lazy dog")
        'f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8'
    """
    key = _secret_bytes(secret)
    message = _as_bytes("payload", payload)
    return hmac.new(key, message, hashlib.sha256).hexdigest()


# --- Ed25519 and RSA: sign with a private key, output base64 ---------------------------
#
# Binance Spot API docs, rest-api.md → "Request Security" → "SIGNED Endpoint Examples for
# POST /api/v3/order" → "RSA Keys" and "Ed25519 Keys", and faqs/api_key_types.md:
#
# - RSA: "Sign the signature payload ... using the RSASSA-PKCS1-v1_5 algorithm with SHA-256
#   hash function", "Encode the output in base64", then percent-encode the base64.
# - Ed25519: "Sign the payload", "Encode the output as a base64 string", then
#   percent-encode it. Ed25519 signs the message itself: there is no separate digest step.
# - Both signatures are case-sensitive (base64), unlike HMAC's hex.
#
# Percent-encoding is *not* done here: a signer returns the base64 text, and the request
# stage (helpers.request) encodes it when it assembles the query string or body. The
# WebSocket API sends the same base64 unencoded, inside JSON.
#
# The private key is passed explicitly, as a loaded key object or as PEM text/bytes; the
# kit never opens a file for you (a str is never taken for a path) and never guesses the
# key type: the function you call says it. ``cryptography`` is imported inside the
# functions, so ``import helpers.signing`` stays standard-library only.

HMAC = "HMAC"
ED25519 = "Ed25519"
RSA = "RSA"
KEY_TYPES = (HMAC, ED25519, RSA)

_PEM_BEGIN = b"-----BEGIN "
_PEM_PRIVATE_LABEL = b"PRIVATE KEY-----"  # the end of every private-key PEM header line
_PEM_LABEL = re.compile(rb"-----BEGIN [A-Z0-9 ]{1,40}-----")


def key_type_name(key_type: object) -> str:
    """The canonical spelling of ``key_type``: ``"HMAC"``, ``"Ed25519"`` or ``"RSA"``.

    Any letter case is accepted (``"ed25519"``); anything else is refused, naming the
    three types. This is spelling, not guessing: the caller still says which type.
    """
    if isinstance(key_type, str):
        for name in KEY_TYPES:
            if key_type.lower() == name.lower():
                return name
    raise ValueError(
        f"key_type: expected one of {', '.join(map(repr, KEY_TYPES))}, got {key_type!r}"
    )


def _crypto():
    """The ``cryptography`` modules the signers need, imported on first use."""
    try:
        from cryptography.exceptions import UnsupportedAlgorithm
        from cryptography.hazmat.primitives import hashes, serialization
        from cryptography.hazmat.primitives.asymmetric import ed25519, padding, rsa
    except ImportError:  # pragma: no cover - the kit pins cryptography
        raise ImportError(
            "Ed25519 and RSA signatures need the `cryptography` package: "
            "pip install cryptography (the kit's requirements.txt pins it)"
        ) from None
    return serialization, hashes, padding, ed25519, rsa, UnsupportedAlgorithm


def _key_kind(key: object, *, private: bool) -> str | None:
    """``"Ed25519"``, ``"RSA"``, or None: the type of a loaded private (or public) key."""
    _, _, _, ed25519, rsa, _ = _crypto()
    classes = {
        ED25519: ed25519.Ed25519PrivateKey if private else ed25519.Ed25519PublicKey,
        RSA: rsa.RSAPrivateKey if private else rsa.RSAPublicKey,
    }
    return next((kind for kind, cls in classes.items() if isinstance(key, cls)), None)


def _use_instead(kind: str) -> str:
    signer = "ed25519_signature" if kind == ED25519 else "rsa_signature"
    return f"use {signer} (sign_request: key_type={kind!r})"


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
    wanted = key_type_name(key_type)
    if wanted == HMAC:
        raise ValueError(
            "key_type: an HMAC key has no private key; sign with hmac_sha256_hex(secret, payload)"
        )
    _crypto()  # cryptography missing: say so first
    if password is not None and not isinstance(password, (str, bytes, bytearray)):
        raise TypeError(f"password: expected str or bytes, got {type(password).__name__}")
    if isinstance(password, str):
        password = password.encode("utf-8")

    if isinstance(private_key, os.PathLike):
        raise TypeError(
            f"private_key: got a path ({type(private_key).__name__}). The kit never opens "
            "files for you: read the PEM yourself, e.g. Path(path).read_bytes(), and pass "
            "those bytes"
        )
    if not isinstance(private_key, (str, bytes, bytearray)):
        kind = _key_kind(private_key, private=True)
        if kind is None:
            public = _key_kind(private_key, private=False)
            if public is not None:
                raise TypeError(
                    f"private_key: got an {public} *public* key. You sign with the private "
                    "key; the public key is what you register with Binance (and what a "
                    "server verifies with)"
                )
            raise TypeError(
                f"private_key: expected a loaded {wanted} private key or its PEM text, got "
                f"{type(private_key).__name__}"
            )
        if kind != wanted:
            raise TypeError(
                f"private_key: got an {kind} private key, but this signs with {wanted}: "
                + _use_instead(kind)
            )
        if password is not None:
            raise ValueError(
                "password: only an encrypted PEM needs one; private_key is already loaded"
            )
        return private_key

    text_like = isinstance(private_key, (str, bytes, bytearray))
    data = _as_bytes("private_key", private_key) if text_like else bytes(private_key)
    if not data.lstrip().startswith(_PEM_BEGIN):
        from helpers.keys.describe import describe_text, key_check  # on errors only

        raise ValueError(
            "private_key: expected PEM text (starting '-----BEGIN') or a loaded key; got "
            + describe_text(data)
            + key_check(data, password)
        )
    try:
        key = _load_pem(wanted, data, password)
    except ValueError as exc:  # add the key clinic's report (helpers.keys) to the message
        from helpers.keys.describe import key_check

        raise ValueError(f"{exc}{key_check(data, password)}") from None
    return key


def _load_pem(wanted: str, data: bytes, password: bytes | None) -> object:
    """The private key in PEM ``data``, of type ``wanted``; a ValueError naming what is wrong."""
    serialization, _, _, _, _, unsupported = _crypto()
    header = data.lstrip().split(b"\n", 1)[0]
    if not header.rstrip().endswith(_PEM_PRIVATE_LABEL):
        found = _PEM_LABEL.match(header.strip())  # the label only, never what follows
        label = found[0].decode("ascii") if found else "-----BEGIN (unreadable label)"
        hint = (
            " That is a public key: you sign with the private key; the public key is what "
            "you register with Binance."
            if b"PUBLIC KEY" in header
            else ""
        )
        raise ValueError(f"private_key: the PEM is {label!r}, not a private key.{hint}")
    try:
        key = serialization.load_pem_private_key(data, password=password)
    except TypeError:  # cryptography: password missing, or given but not needed
        if password is None:
            raise ValueError(
                "private_key: this PEM is encrypted; pass its password with password=..."
            ) from None
        raise ValueError("password: this PEM is not encrypted; leave password out") from None
    except unsupported:
        raise ValueError(
            f"private_key: the PEM holds a key type cryptography cannot load here; "
            f"expected {wanted}"
        ) from None
    except ValueError:
        if password is not None:
            raise ValueError(
                "private_key/password: the PEM could not be decrypted and read: wrong "
                "password, or damaged PEM text (copied without its line breaks?)"
            ) from None
        raise ValueError(
            "private_key: the PEM text could not be read (damaged, cut short, or copied "
            "without its line breaks?)"
        ) from None
    kind = _key_kind(key, private=True)
    if kind is None:
        raise ValueError(
            f"private_key: the PEM holds a {type(key).__name__}, not an {wanted} key; "
            "Binance's API key types are Ed25519, RSA and HMAC"
        )
    if kind != wanted:
        raise ValueError(
            f"private_key: the PEM holds an {kind} private key, but this signs with {wanted}: "
            + _use_instead(kind)
        )
    return key


def ed25519_signature(
    private_key: object, payload: str | bytes, *, password: str | bytes | None = None
) -> str:
    """Ed25519 signature of ``payload``, as standard base64 (88 characters, 64 bytes).

    ``private_key`` is an ``Ed25519PrivateKey`` or its PEM (see ``load_private_key``);
    ``payload`` is the signature payload (``str`` is encoded as UTF-8). Ed25519 is
    deterministic: the same key and payload always give the same signature, which is why
    it can be checked against ``openssl pkeyutl -sign -rawin``. Percent-encode the result
    when you put it in a REST query string or body (``helpers.request`` does).
    """
    key = load_private_key(ED25519, private_key, password=password)
    message = _as_bytes("payload", payload)
    return base64.b64encode(key.sign(message)).decode("ascii")


def rsa_signature(
    private_key: object, payload: str | bytes, *, password: str | bytes | None = None
) -> str:
    """RSASSA-PKCS1-v1_5 with SHA-256 of ``payload``, as standard base64.

    ``private_key`` is an ``RSAPrivateKey`` or its PEM (see ``load_private_key``). PKCS#1
    v1.5 padding is deterministic too, so the bytes equal ``openssl dgst -sha256 -sign``'s.
    A 2048-bit key gives 256 bytes, 344 base64 characters.
    """
    key = load_private_key(RSA, private_key, password=password)
    message = _as_bytes("payload", payload)
    _, hashes, padding, _, _, _ = _crypto()
    raw = key.sign(message, padding.PKCS1v15(), hashes.SHA256())
    return base64.b64encode(raw).decode("ascii")


def sign_payload(
    key_type: str, key: object, payload: str | bytes, *, password: str | bytes | None = None
) -> str:
    """Sign ``payload`` with the signer ``key_type`` names: HMAC hex, or Ed25519/RSA base64.

    ``key`` is the HMAC secret for ``"HMAC"``, the private key for the two others.
    """
    name = key_type_name(key_type)
    if name == HMAC:
        if password is not None:
            raise ValueError("password: an HMAC secret has no password; leave it out")
        return hmac_sha256_hex(key, payload)
    if name == ED25519:
        return ed25519_signature(key, payload, password=password)
    return rsa_signature(key, payload, password=password)
