"""Binance's three API key types, and the ``cryptography`` modules two of them need.

faqs/api_key_types.md → "API Key Types": an HMAC key is a secret you share with Binance
(the standard library's ``hmac`` signs with it); an Ed25519 or RSA key is a key pair — you
sign with the private key, Binance verifies with the public key you registered. Those two
need ``cryptography``: ``cryptography_modules()`` imports it the first time an Ed25519 or
RSA key is used, never when this module loads, so the signing core imports with the
standard library only and the browser edition (which has no ``cryptography``) still signs
with HMAC. The signers (``helpers.signing``), the verifiers (``helpers.verify``) and the
key clinic (``helpers.keys``) all read the key types and the modules from here.
"""

import functools
from types import SimpleNamespace

__all__ = ["ED25519", "HMAC", "KEY_TYPES", "RSA", "cryptography_modules", "key_kind"]

HMAC = "HMAC"
ED25519 = "Ed25519"
RSA = "RSA"
KEY_TYPES = (HMAC, ED25519, RSA)


@functools.cache
def cryptography_modules() -> SimpleNamespace:
    """The parts of ``cryptography`` the kit uses, by name, imported on first use.

    ``serialization`` (PEM and DER keys), ``hashes`` and ``padding`` (RSA's SHA-256 and
    PKCS#1 v1.5), ``ed25519`` and ``rsa`` (the key classes), and the exceptions
    ``InvalidSignature`` and ``UnsupportedAlgorithm``. Without ``cryptography`` (the
    browser edition) this raises an ``ImportError`` saying how to install it.
    """
    try:
        from cryptography.exceptions import InvalidSignature, UnsupportedAlgorithm
        from cryptography.hazmat.primitives import hashes, serialization
        from cryptography.hazmat.primitives.asymmetric import ed25519, padding, rsa
    except ImportError:  # pragma: no cover - the kit pins cryptography
        raise ImportError(
            "Ed25519 and RSA signatures need the `cryptography` package: "
            "pip install cryptography (the kit's requirements.txt pins it)"
        ) from None
    return SimpleNamespace(
        serialization=serialization, hashes=hashes, padding=padding, ed25519=ed25519, rsa=rsa,
        InvalidSignature=InvalidSignature, UnsupportedAlgorithm=UnsupportedAlgorithm,
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
