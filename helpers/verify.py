"""Verify a signature: one verifier per key type, and one reading of a signature's shape.

The local exchange (step 3 of judging a request) and the signature doctor both verify with
these; neither has a copy. Binance has three API key types (faqs/api_key_types.md → "API
Key Types"; rest-api.md → "Request Security" → "SIGNED Endpoint security" → "Signature Case
Sensitivity"):

- ``HmacKey`` — a shared secret: HMAC-SHA256 of the payload, 64 hex characters; HMAC
  signatures "are **not case-sensitive**"; compared in constant time.
- ``Ed25519Key`` and ``RsaKey`` — a key pair of which Binance holds only the **public** key:
  the signature is base64 (case-sensitive), verified with that public key (RSA: PKCS#1 v1.5
  with SHA-256). A private key is refused.

Every key has ``kind`` and ``verify(payload, signature) -> bool``. They use ``hashlib`` and
``cryptography`` directly, not ``helpers.signing``, so the verifier is independent of the
kit's signer: a verifier that called the signer would prove nothing. ``signature_shape``
says which key type a signature looks like it came from (64 hex characters, or base64 of
64 or 128 to 512 bytes), so a -1022 can name a wrong key type.
The key types and ``cryptography`` come from ``helpers.key_types``, which imports
``cryptography`` when a public key is first used, so importing this module stays as cheap
as the standard library (and hands over ``helpers.pure_crypto`` where ``cryptography``
cannot be imported: the browser edition).
"""

import base64
import binascii
import hashlib
import hmac
import re

from helpers.key_types import ED25519, HMAC, RSA, cryptography_modules, key_kind


class HmacKey:
    """An HMAC API key's secret, able to verify a signature — and never to show the secret.

    ``kind`` names the key type; ``Ed25519Key`` and ``RsaKey`` (below) hold a public key
    instead, with the same ``verify(payload, signature)`` method.
    """

    kind = HMAC
    __slots__ = ("_secret",)

    def __init__(self, secret: str | bytes) -> None:
        if isinstance(secret, str):
            secret = secret.encode("utf-8")
        if not isinstance(secret, (bytes, bytearray)) or not secret:
            raise TypeError("HmacKey: expected the secret key as a non-empty str or bytes")
        self._secret = bytes(secret)

    def verify(self, payload: bytes, signature: str) -> bool:
        """True if ``signature`` is HMAC-SHA256(secret, payload) in hex, in any letter case.

        "Signatures generated using HMAC are **not case-sensitive**" (rest-api.md → "Request
        Security" → "SIGNED Endpoint security" → "Signature Case Sensitivity"). Both sides
        are lowercased, then compared with ``hmac.compare_digest`` (constant time).
        """
        expected = hmac.new(self._secret, payload, hashlib.sha256).hexdigest()
        return hmac.compare_digest(expected.encode("ascii"), signature.lower().encode("utf-8"))

    def __repr__(self) -> str:
        return "HmacKey(secret=<hidden>)"


_PEM_PUBLIC_HEADER = b"-----BEGIN PUBLIC KEY-----"


def load_public_key(owner: str, kind: str, public_key: object) -> object:
    """A loaded public key of ``kind`` from a key object or ``PUBLIC KEY`` PEM; else a clear
    TypeError/ValueError naming ``public_key``. Private keys are refused: Binance is only
    ever given the public key."""
    crypto = cryptography_modules()
    if isinstance(public_key, (str, bytes, bytearray)):
        data = public_key.encode("utf-8") if isinstance(public_key, str) else bytes(public_key)
        first = data.strip().split(b"\n", 1)[0].strip()
        if first.endswith(b"PRIVATE KEY-----"):
            raise ValueError(
                f"{owner}: public_key is a *private* key PEM. Binance is only ever given your "
                "public key (you upload it; it issues the API key): pass the public key, "
                "e.g. private_key.public_key()"
            )
        if first != _PEM_PUBLIC_HEADER:
            raise ValueError(
                f"{owner}: public_key: expected a loaded {kind} public key or its PEM text "
                f"(starting {_PEM_PUBLIC_HEADER.decode()!r})"
            )
        try:
            public_key = crypto.serialization.load_pem_public_key(data)
        except (ValueError, TypeError, crypto.UnsupportedAlgorithm):
            raise ValueError(
                f"{owner}: public_key: the PEM could not be read (damaged or cut short?)"
            ) from None
    if key_kind(public_key, private=True) == kind:
        raise TypeError(
            f"{owner}: public_key is a *private* key. Binance is only ever given your public "
            "key: pass private_key.public_key()"
        )
    other = key_kind(public_key, private=False)
    if other != kind:
        hint = f": use {'RsaKey' if other == RSA else 'Ed25519Key'}" if other else ""
        raise TypeError(
            f"{owner}: expected an {kind} public key, got "
            f"{other + ' public key' if other else type(public_key).__name__}{hint}"
        )
    return public_key


def strict_base64(text: str) -> bytes | None:
    """Standard base64 with its ``=`` padding, or None: no URL-safe alphabet, no spaces.

    Canonical only: the unused bits after the last character must be zero, so each byte
    string has exactly one accepted text (the docs say signatures are case-sensitive and
    are silent on this; the model's choice, see the exchange's assumptions table).
    """
    data = _base64_bytes(text)
    return data if data is not None and base64.b64encode(data).decode("ascii") == text else None


def _base64_bytes(text: str) -> bytes | None:
    """Standard padded base64 decoded, canonical or not (the unused bits are ignored)."""
    try:
        return base64.b64decode(text.encode("ascii"), validate=True)
    except (UnicodeEncodeError, binascii.Error, ValueError):
        return None


class _PublicKey:
    """An Ed25519 or RSA API key as Binance holds it: the public key alone."""

    kind = ""
    __slots__ = ("_key",)

    def __init__(self, public_key: object) -> None:
        self._key = load_public_key(type(self).__name__, self.kind, public_key)

    @property
    def public_key(self) -> object:
        """The loaded ``cryptography`` public key (not a secret)."""
        return self._key

    def verify(self, payload: bytes, signature: str) -> bool:
        """True if ``signature`` (base64, case-sensitive) verifies ``payload`` with this key.

        The REST signature arrives percent-decoded (``%2B`` and ``%2b`` are both ``+``);
        the WebSocket API's arrives as is. Anything that is not strict standard base64 is
        a failed verification, never an exception.
        """
        raw = strict_base64(signature)
        if raw is None:
            return False
        try:
            self._verify(raw, payload)
        except (cryptography_modules().InvalidSignature, ValueError):
            return False
        return True

    def _verify(self, raw: bytes, payload: bytes) -> None:
        raise NotImplementedError


class Ed25519Key(_PublicKey):
    """An Ed25519 API key: verifies base64 Ed25519 signatures with the public key.

    ``public_key`` is an ``Ed25519PublicKey`` or its PEM (``-----BEGIN PUBLIC KEY-----``).
    """

    kind = ED25519
    signature_bytes = 64
    __slots__ = ()

    def _verify(self, raw: bytes, payload: bytes) -> None:
        self._key.verify(raw, payload)

    def __repr__(self) -> str:
        serialization = cryptography_modules().serialization
        raw = self._key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
        return f"Ed25519Key(public key {raw.hex()[:16]}…)"


class RsaKey(_PublicKey):
    """An RSA API key: verifies base64 RSASSA-PKCS1-v1_5 SHA-256 signatures.

    ``public_key`` is an ``RSAPublicKey`` or its PEM (``-----BEGIN PUBLIC KEY-----``).
    """

    kind = RSA
    __slots__ = ()

    @property
    def signature_bytes(self) -> int:
        return (self._key.key_size + 7) // 8

    def _verify(self, raw: bytes, payload: bytes) -> None:
        crypto = cryptography_modules()
        self._key.verify(raw, payload, crypto.padding.PKCS1v15(), crypto.hashes.SHA256())

    def __repr__(self) -> str:
        return f"RsaKey({self._key.key_size}-bit public key)"


# --- a signature's shape ----------------------------------------------------------------

RSA_SIGNATURE_BYTES = (128, 256, 384, 512)  # RSA-1024 to RSA-4096
HEX_SIGNATURE = re.compile(r"[0-9a-fA-F]{64}")


def signature_shape(signature: str, *, decoded: bool) -> tuple[str | None, str]:
    """Which key type a signature looks like it came from, and a description of it.

    ``decoded`` is True for REST (the value was percent-decoded once already).
    """
    if HEX_SIGNATURE.fullmatch(signature):
        return HMAC, "64 hex characters, an HMAC-SHA256 signature's shape"
    raw = _base64_bytes(signature)
    if raw is not None:
        size = len(raw)
        note = (
            ""
            if strict_base64(signature) is not None
            else ", but not canonical: the last character's unused bits are set (a changed "
            "character?), and only canonical base64 is accepted"
        )
        if size == 64:
            return ED25519, f"base64 of 64 bytes, an Ed25519 signature's shape{note}"
        if size in RSA_SIGNATURE_BYTES:
            return RSA, f"base64 of {size} bytes, an RSA-{size * 8} signature's shape{note}"
        return None, f"base64 of {size} bytes{note}"
    if " " in signature:
        return None, (
            "it has a space where base64 has '+': a '+' sent without percent-encoding "
            "arrives as a space; send it as %2B"
        )
    if "%" in signature:
        if decoded:
            return None, (
                "it still holds %-escapes after one decoding: the signature was "
                "percent-encoded twice (%252B); encode it once"
            )
        return None, (
            "it holds %-escapes: the WebSocket API carries the base64 as is, inside JSON; "
            "percent-encoding is for REST query strings and bodies"
        )
    if re.fullmatch(r"[A-Za-z0-9_-]+=*", signature) and re.search(r"[-_]", signature):
        return None, (
            "it is URL-safe base64 ('-' and '_'); Binance's signatures are standard base64 "
            "('+' and '/'): use base64.b64encode, not urlsafe_b64encode"
        )
    if re.fullmatch(r"[A-Za-z0-9+/]+", signature) and len(signature) % 4:
        return None, "it is base64 without its '=' padding; keep the padding"
    return None, "neither 64 hex characters nor base64"
