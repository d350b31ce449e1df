"""``cryptography``'s key loaders, in pure Python: PEM and DER, unencrypted keys only.

``load_pem_private_key`` / ``load_der_private_key`` read PKCS#8 (Ed25519, RSA) and PKCS#1
RSA private keys; ``load_pem_public_key`` / ``load_der_public_key`` SubjectPublicKeyInfo
and PKCS#1 RSA public keys. They raise as ``cryptography``'s do, so callers catch the same
exceptions: ``TypeError`` when a password is missing for an encrypted key or given for an
unencrypted one, ``ValueError`` when the structure is damaged, ``UnsupportedAlgorithm`` for
what only ``cryptography`` does (opening an encrypted key, OpenSSH keys). No message quotes
the key's bytes. Not constant-time (see the package docstring).
"""

from helpers.pure_crypto import der, rsa
from helpers.pure_crypto.keys import (
    BestAvailableEncryption,
    Ed25519PrivateKey,
    Ed25519PublicKey,
    Encoding,
    NoEncryption,
    PrivateFormat,
    PublicFormat,
    RSAPrivateKey,
    RSAPublicKey,
    UnsupportedAlgorithm,
    unsupported,
)  # fmt: skip

__all__ = [
    "KIT_BACKEND",
    "BestAvailableEncryption", "Encoding", "NoEncryption", "PrivateFormat", "PublicFormat",
    "load_der_private_key", "load_der_public_key", "load_pem_private_key",
    "load_pem_public_key", "load_ssh_private_key",
]  # fmt: skip
KIT_BACKEND = "pure_crypto"  # helpers.key_types reads it: which backend signs
_ = UnsupportedAlgorithm  # re-exported for callers that catch it from here


def _private_key(der_bytes: bytes, unsafe_skip_rsa_key_validation: bool):
    kind, value = der.read_private_key(bytes(der_bytes), "private_key")
    if kind == "Ed25519":
        return Ed25519PrivateKey(value)
    numbers = rsa.Numbers(*value)
    if not unsafe_skip_rsa_key_validation:
        rsa.check(numbers)
    return RSAPrivateKey(numbers)


def _public_key(der_bytes: bytes):
    kind, value = der.read_public_key(bytes(der_bytes), "public_key")
    return Ed25519PublicKey(value) if kind == "Ed25519" else RSAPublicKey(*value)


def _data(value: object) -> bytes:
    if isinstance(value, str) or not isinstance(value, (bytes, bytearray, memoryview)):
        raise TypeError("data: expected bytes")
    return bytes(value)


def load_pem_private_key(
    data: bytes, password: bytes | None, backend: object = None, *,
    unsafe_skip_rsa_key_validation: bool = False,
):  # fmt: skip
    """A private key from PEM ``data``; encrypted keys: see the module docstring."""
    _, der_bytes, encrypted = der.pem_decode(_data(data), "private_key")
    if encrypted:
        if password is None:
            raise TypeError("Password was not given but private key is encrypted")
        raise unsupported("opening an encrypted private key")
    if password is not None:
        raise TypeError("Password was given but private key is not encrypted.")
    return _private_key(der_bytes, unsafe_skip_rsa_key_validation)


def load_der_private_key(
    data: bytes, password: bytes | None, backend: object = None, *,
    unsafe_skip_rsa_key_validation: bool = False,
):  # fmt: skip
    """A private key from DER ``data`` (PKCS#8 or PKCS#1, unencrypted)."""
    if password is not None:
        raise TypeError("Password was given but private key is not encrypted.")
    return _private_key(_data(data), unsafe_skip_rsa_key_validation)


def load_pem_public_key(data: bytes, backend: object = None):
    """A public key from PEM ``data`` (``PUBLIC KEY`` or ``RSA PUBLIC KEY``)."""
    label, der_bytes, _ = der.pem_decode(_data(data), "public_key")
    if "PUBLIC KEY" not in label:
        raise ValueError("public_key: the PEM is not a public key")
    return _public_key(der_bytes)


def load_der_public_key(data: bytes, backend: object = None):
    """A public key from DER ``data`` (SubjectPublicKeyInfo or PKCS#1)."""
    return _public_key(_data(data))


def load_ssh_private_key(data: bytes, password: bytes | None, backend: object = None, **_):
    """OpenSSH's own key format: only ``cryptography`` reads it."""
    raise unsupported("reading an OpenSSH private key")
