"""Key objects shaped like ``cryptography``'s, backed by this package's pure Python.

Only what the kit and its notebooks use: ``Ed25519PrivateKey`` (``generate``,
``from_private_bytes``, ``sign``, ``public_key``, ``private_bytes``), ``Ed25519PublicKey``
(``from_public_bytes``, ``verify``, ``public_bytes``), ``RSAPrivateKey`` and
``RSAPublicKey`` (``key_size``, ``sign``/``verify`` with ``PKCS1v15()`` and ``SHA256()``),
``generate_private_key``, and the encodings and formats of ``serialization``. The same
names, arguments and exceptions as ``cryptography``, so ``helpers.key_types`` can hand
either to the kit; anything else raises ``UnsupportedAlgorithm`` saying it needs
``cryptography``. Not constant-time (see the package docstring).
"""

import enum
import secrets

from helpers.pure_crypto import der, ed25519, rsa
from helpers.pure_crypto.errors import (  # noqa: F401  (re-exported: cryptography's names)
    InvalidSignature,
    NeedsCryptography,
    UnsupportedAlgorithm,
    unsupported,
)


class Encoding(enum.Enum):
    PEM = "PEM"
    DER = "DER"
    Raw = "Raw"
    OpenSSH = "OpenSSH"


class PrivateFormat(enum.Enum):
    PKCS8 = "PKCS8"
    TraditionalOpenSSL = "TraditionalOpenSSL"
    Raw = "Raw"
    OpenSSH = "OpenSSH"


class PublicFormat(enum.Enum):
    SubjectPublicKeyInfo = "X.509 subjectPublicKeyInfo with PKCS#1"
    PKCS1 = "Raw PKCS#1"
    Raw = "Raw"
    OpenSSH = "OpenSSH"


class NoEncryption:
    """Write a private key unencrypted (the only way this stand-in writes one)."""


class BestAvailableEncryption:
    """Accepted as an argument; writing an encrypted key needs ``cryptography``."""

    def __init__(self, password: bytes) -> None:
        self.password = password


class SHA256:
    name = "sha256"
    digest_size = 32


class PKCS1v15:
    name = "EMSA-PKCS1-v1_5"


def _bytes(value: object, name: str) -> bytes:
    if not isinstance(value, (bytes, bytearray, memoryview)):
        raise TypeError(f"{name}: expected bytes, got {type(value).__name__}")
    return bytes(value)


def _private_bytes(kind: str, key: object, encoding, fmt, encryption, pkcs1: bytes) -> bytes:
    """A private key written as ``cryptography``'s ``private_bytes`` writes it."""
    if not isinstance(encryption, NoEncryption):
        raise unsupported("writing an encrypted private key")
    if encoding in (Encoding.PEM, Encoding.DER) and fmt == PrivateFormat.PKCS8:
        data, label = der.private_key_info(kind, key), "PRIVATE KEY"
    elif encoding in (Encoding.PEM, Encoding.DER) and fmt == PrivateFormat.TraditionalOpenSSL:
        if not pkcs1:
            raise ValueError("format: an Ed25519 key has no traditional (PKCS#1) form")
        data, label = pkcs1, "RSA PRIVATE KEY"
    elif encoding == Encoding.Raw and fmt == PrivateFormat.Raw and kind == "Ed25519":
        return bytes(key)
    else:
        raise unsupported(f"private_bytes({encoding}, {fmt})")
    return der.pem_encode(label, data) if encoding == Encoding.PEM else data


def _public_bytes(kind: str, key: object, encoding, fmt) -> bytes:
    """A public key written as ``cryptography``'s ``public_bytes`` writes it."""
    if encoding in (Encoding.PEM, Encoding.DER) and fmt == PublicFormat.SubjectPublicKeyInfo:
        data, label = der.public_key_info(kind, key), "PUBLIC KEY"
    elif encoding in (Encoding.PEM, Encoding.DER) and fmt == PublicFormat.PKCS1 and kind == "RSA":
        data, label = der.rsa_public_key(*key), "RSA PUBLIC KEY"
    elif encoding == Encoding.Raw and fmt == PublicFormat.Raw and kind == "Ed25519":
        return bytes(key)
    else:
        raise unsupported(f"public_bytes({encoding}, {fmt})")
    return der.pem_encode(label, data) if encoding == Encoding.PEM else data


class Ed25519PublicKey:
    """An Ed25519 public key: 32 bytes."""

    __slots__ = ("_raw",)

    def __init__(self, raw: bytes) -> None:
        self._raw = raw

    @classmethod
    def from_public_bytes(cls, data: bytes) -> "Ed25519PublicKey":
        if len(_bytes(data, "data")) != ed25519.KEY_BYTES:
            raise ValueError("An Ed25519 public key is 32 bytes long")
        return cls(bytes(data))

    def verify(self, signature: bytes, data: bytes) -> None:
        """Returns None if ``signature`` verifies ``data``; else raises InvalidSignature."""
        if not ed25519.verify(self._raw, _bytes(data, "data"), _bytes(signature, "signature")):
            raise InvalidSignature()

    def public_bytes(self, encoding: Encoding, format: PublicFormat) -> bytes:  # noqa: A002
        return _public_bytes("Ed25519", self._raw, encoding, format)

    def public_bytes_raw(self) -> bytes:
        return self._raw

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Ed25519PublicKey) and other._raw == self._raw

    __hash__ = None


class Ed25519PrivateKey:
    """An Ed25519 private key: its 32-byte seed, never shown by ``repr``."""

    __slots__ = ("_seed",)

    def __init__(self, seed: bytes) -> None:
        self._seed = seed

    @classmethod
    def generate(cls) -> "Ed25519PrivateKey":
        return cls(secrets.token_bytes(ed25519.KEY_BYTES))

    @classmethod
    def from_private_bytes(cls, data: bytes) -> "Ed25519PrivateKey":
        if len(_bytes(data, "data")) != ed25519.KEY_BYTES:
            raise ValueError("An Ed25519 private key is 32 bytes long")
        return cls(bytes(data))

    def public_key(self) -> Ed25519PublicKey:
        return Ed25519PublicKey(ed25519.public_key(self._seed))

    def sign(self, data: bytes) -> bytes:
        return ed25519.sign(self._seed, _bytes(data, "data"))

    def private_bytes(self, encoding, format, encryption_algorithm) -> bytes:  # noqa: A002
        return _private_bytes("Ed25519", self._seed, encoding, format, encryption_algorithm, b"")

    def private_bytes_raw(self) -> bytes:
        return self._seed


def _check_rsa_arguments(padding: object, algorithm: object) -> None:
    if not isinstance(padding, PKCS1v15) or not isinstance(algorithm, SHA256):
        raise unsupported("RSA with other than PKCS1v15() and SHA256()")


class RSAPublicKey:
    """An RSA public key: the modulus n and the public exponent e."""

    __slots__ = ("_n", "_e")

    def __init__(self, n: int, e: int) -> None:
        self._n, self._e = n, e

    @property
    def key_size(self) -> int:
        return self._n.bit_length()

    def verify(self, signature: bytes, data: bytes, padding, algorithm) -> None:
        """Returns None if ``signature`` verifies ``data``; else raises InvalidSignature."""
        _check_rsa_arguments(padding, algorithm)
        if not rsa.verify(self._n, self._e, _bytes(data, "data"), _bytes(signature, "signature")):
            raise InvalidSignature()

    def public_bytes(self, encoding: Encoding, format: PublicFormat) -> bytes:  # noqa: A002
        return _public_bytes("RSA", (self._n, self._e), encoding, format)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, RSAPublicKey) and (other._n, other._e) == (self._n, self._e)

    __hash__ = None


class RSAPrivateKey:
    """An RSA private key: its numbers (``rsa.Numbers``), never shown by ``repr``."""

    __slots__ = ("_numbers",)

    def __init__(self, numbers: rsa.Numbers) -> None:
        self._numbers = numbers

    @property
    def key_size(self) -> int:
        return self._numbers.n.bit_length()

    def public_key(self) -> RSAPublicKey:
        return RSAPublicKey(self._numbers.n, self._numbers.e)

    def sign(self, data: bytes, padding, algorithm) -> bytes:
        _check_rsa_arguments(padding, algorithm)
        return rsa.sign(self._numbers, _bytes(data, "data"))

    def private_bytes(self, encoding, format, encryption_algorithm) -> bytes:  # noqa: A002
        pkcs1 = der.rsa_private_key(self._numbers)
        return _private_bytes("RSA", self._numbers, encoding, format, encryption_algorithm, pkcs1)


def generate_private_key(public_exponent: int, key_size: int) -> RSAPrivateKey:
    """A new RSA key, as ``cryptography``'s ``rsa.generate_private_key``."""
    if public_exponent not in (3, 65537):
        raise ValueError("public_exponent must be either 3 (for legacy compatibility) or 65537")
    return RSAPrivateKey(rsa.generate(key_size, public_exponent))
