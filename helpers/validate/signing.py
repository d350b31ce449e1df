"""``helpers.signing``'s arguments: the key type, the HMAC secret and the payload — each
refused by name, never quoting key material.

A private key and its password are checked by ``helpers.validate.private_key``, which
``load_private_key`` imports with ``cryptography``, when an Ed25519 or RSA key is used.
"""

from helpers.key_types import HMAC, KEY_TYPES

PEM_BEGIN = b"-----BEGIN "  # how every PEM starts, a private key's or a public key's


def validate_key_type(key_type: object) -> str:
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


def validate_bytes(label: str, value: object) -> bytes:
    """``str`` encoded as UTF-8, ``bytes`` as they are; anything else is refused."""
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


def validate_secret(secret: object) -> bytes:
    """The HMAC key: the secret's own bytes, never base64-decoded, never stripped."""
    if not isinstance(secret, (str, bytes, bytearray)) and callable(getattr(secret, "sign", None)):
        raise TypeError(
            f"secret: got a private key object ({type(secret).__name__}). An HMAC secret "
            "is text; a private key signs with ed25519_signature or rsa_signature "
            "(sign_request: key_type='Ed25519' or 'RSA', private_key=...)"
        )
    key = validate_bytes("secret", secret)
    if key.lstrip().startswith(PEM_BEGIN):
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


def validate_hmac_arguments(secret: object, payload: object) -> tuple[bytes, bytes]:
    """``hmac_sha256_hex``'s key (``validate_secret``) and message (the payload's bytes)."""
    return validate_secret(secret), validate_bytes("payload", payload)


def validate_signer(key_type: object, password: object) -> str:
    """``sign_payload``'s canonical key type; an HMAC secret has no password."""
    name = validate_key_type(key_type)
    if name == HMAC and password is not None:
        raise ValueError("password: an HMAC secret has no password; leave it out")
    return name
