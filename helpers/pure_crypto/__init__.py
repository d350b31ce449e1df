"""Ed25519 and RSA signatures in pure Python, for the browser edition and for teaching.

Pyodide (the browser edition's Python) has no build of ``cryptography``, so there
``helpers.key_types.cryptography_modules()`` hands the kit this package instead: the same
names, arguments and exceptions, for what the kit uses (``modules()``). The desktop kit
always uses ``cryptography``; the tests check this package against it (RFC 8032's vectors,
the FIX API's Ed25519 example, many generated keys and messages, both ways).

- ``ed25519`` — RFC 8032 Ed25519: public key, sign, verify;
- ``rsa`` — RSASSA-PKCS1-v1_5 with SHA-256 (RFC 8017), key generation, key checks;
- ``der`` — the DER and PEM of PKCS#8, PKCS#1 and SubjectPublicKeyInfo keys, unencrypted;
- ``keys`` and ``serialization`` — key objects and loaders shaped like ``cryptography``'s.

**Not constant-time, no blinding**: for a learner's fake keys and the browser tab, not for
keys an attacker can time. Encrypted PEMs and OpenSSH keys need ``cryptography``.
The WebCrypto API was the other way to sign in the browser; it was not chosen because
``crypto.subtle`` is asynchronous and the kit's signers are plain synchronous functions.
"""

from types import SimpleNamespace

__all__ = ["modules"]


def modules() -> SimpleNamespace:
    """This package as ``helpers.key_types.cryptography_modules()`` returns ``cryptography``:
    ``serialization``, ``hashes``, ``padding``, ``ed25519``, ``rsa``, ``InvalidSignature``,
    ``UnsupportedAlgorithm``."""
    from helpers.pure_crypto import keys, serialization

    return SimpleNamespace(
        serialization=serialization,
        hashes=SimpleNamespace(SHA256=keys.SHA256),
        padding=SimpleNamespace(PKCS1v15=keys.PKCS1v15),
        ed25519=SimpleNamespace(
            Ed25519PrivateKey=keys.Ed25519PrivateKey, Ed25519PublicKey=keys.Ed25519PublicKey
        ),
        rsa=SimpleNamespace(
            RSAPrivateKey=keys.RSAPrivateKey,
            RSAPublicKey=keys.RSAPublicKey,
            generate_private_key=keys.generate_private_key,
        ),  # fmt: skip
        InvalidSignature=keys.InvalidSignature,
        UnsupportedAlgorithm=keys.UnsupportedAlgorithm,
        backend="pure_crypto",
    )
