"""Stage 2 — signature payload → signature.

Binance Spot API docs, REST API, "SIGNED (TRADE and USER_DATA) Endpoint security":
"Use your secretKey as the key and totalParams as the value for the HMAC operation",
output as hex; "The signature is not case sensitive".

Signers are pure functions ``(key, payload) -> str``: no clock, no I/O, no global state.
Only the standard library is imported here.
"""

import hashlib
import hmac

__all__ = ["hmac_sha256_hex"]


def _as_bytes(label: str, value: object) -> bytes:
    """``str`` is encoded as UTF-8; ``bytes`` are used as they are; anything else is refused."""
    if isinstance(value, str):
        return value.encode("utf-8")
    if isinstance(value, (bytes, bytearray)):
        return bytes(value)
    raise TypeError(f"{label}: expected str or bytes, got {type(value).__name__}")


def _secret_bytes(secret: object) -> bytes:
    """The HMAC key: the secret's own bytes, never base64-decoded, never stripped."""
    key = _as_bytes("secret", secret)
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
