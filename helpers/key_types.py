"""Binance's three API key types, and the ``cryptography`` modules two of them need.

faqs/api_key_types.md → "API Key Types": an HMAC key is a secret you share with Binance
(the standard library's ``hmac`` signs with it); an Ed25519 or RSA key is a key pair — you
sign with the private key, Binance verifies with the public key you registered. Those two
need ``cryptography``: ``cryptography_modules()`` imports it the first time an Ed25519 or
RSA key is used, never when this module loads, so the signing core imports with the
standard library only. Where ``cryptography`` cannot be imported (the browser edition:
Pyodide has no build of it) the same function hands over ``helpers.pure_crypto``, the kit's
pure-Python Ed25519 and RSA with the same names, so every caller works unchanged; its
``backend`` says which one is in use. The signers (``helpers.signing``), the verifiers
(``helpers.verify``) and the key clinic (``helpers.keys``) all read the key types and the
modules from here.
"""

import functools
from types import SimpleNamespace

__all__ = [
    "ED25519", "HMAC", "KEY_TYPES", "MAX_RSA_BITS_CHECKED", "RSA", "checked_key",
    "cryptography_modules", "key_kind",
]  # fmt: skip

HMAC = "HMAC"
ED25519 = "Ed25519"
RSA = "RSA"
KEY_TYPES = (HMAC, ED25519, RSA)
# The largest RSA key whose consistency the kit checks (primes, exponents): Binance's own
# largest (faqs/api_key_types.md: "We support 2048 and 4096 bit RSA keys"). The check's
# time grows fast with the size: RSA-4096 0.3 s, RSA-8192 4.7 s (issue 25), beyond: more.
MAX_RSA_BITS_CHECKED = 4096


@functools.cache
def cryptography_modules() -> SimpleNamespace:
    """The parts of ``cryptography`` the kit uses, by name, imported on first use.

    ``serialization`` (PEM and DER keys), ``hashes`` and ``padding`` (RSA's SHA-256 and
    PKCS#1 v1.5), ``ed25519`` and ``rsa`` (the key classes), the exceptions
    ``InvalidSignature`` and ``UnsupportedAlgorithm``, and ``backend``: ``"cryptography"``.
    Without ``cryptography`` (the browser edition) the same names come from
    ``helpers.pure_crypto`` (``backend`` ``"pure_crypto"``): unencrypted keys only, and not
    constant-time (its docstring says why that is acceptable there).
    """
    try:
        from cryptography.exceptions import InvalidSignature, UnsupportedAlgorithm
        from cryptography.hazmat.primitives import hashes, serialization
        from cryptography.hazmat.primitives.asymmetric import ed25519, padding, rsa
    except ImportError:  # the browser edition; tests/pure_crypto simulates it
        from helpers import pure_crypto

        return pure_crypto.modules()
    return SimpleNamespace(
        serialization=serialization, hashes=hashes, padding=padding, ed25519=ed25519, rsa=rsa,
        InvalidSignature=InvalidSignature, UnsupportedAlgorithm=UnsupportedAlgorithm,
        backend=getattr(serialization, "KIT_BACKEND", "cryptography"),
    )  # fmt: skip


def key_kind(key: object, *, private: bool) -> str | None:
    """``ED25519``, ``RSA``, or None: the type of a loaded private key (``private=True``)
    or public key (``private=False``); None for anything else."""
    crypto = cryptography_modules()
    classes = {
        ED25519: crypto.ed25519.Ed25519PrivateKey if private else crypto.ed25519.Ed25519PublicKey,
        RSA: crypto.rsa.RSAPrivateKey if private else crypto.rsa.RSAPublicKey,
    }
    return next((kind for kind, cls in classes.items() if isinstance(key, cls)), None)


def checked_key(key: object) -> object:
    """``key``, loaded with ``unsafe_skip_rsa_key_validation=True``, with RSA's consistency
    check made now if it is an RSA private key of at most ``MAX_RSA_BITS_CHECKED`` bits
    (a ``ValueError`` if it fails, as the loader's own would). A larger RSA key comes back
    unchecked: the callers refuse it for its size, and never sign with it."""
    crypto = cryptography_modules()
    if not isinstance(key, crypto.rsa.RSAPrivateKey) or key.key_size > MAX_RSA_BITS_CHECKED:
        return key
    serialization = crypto.serialization
    der = key.private_bytes(
        serialization.Encoding.DER, serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )  # fmt: skip
    return serialization.load_der_private_key(der, None)
