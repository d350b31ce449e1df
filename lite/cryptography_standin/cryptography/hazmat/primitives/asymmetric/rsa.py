"""``rsa``: RSA keys in pure Python (``helpers.pure_crypto``); PKCS#1 v1.5 with SHA-256.

Keys come from PEM, from ``generate_private_key``, or from their numbers, as
``cryptography`` builds them (the conformance corpus builds its RSA test key that way).
"""

from typing import NamedTuple

from helpers.pure_crypto import rsa as _rsa
from helpers.pure_crypto.keys import RSAPrivateKey, RSAPublicKey, generate_private_key

__all__ = [
    "RSAPrivateKey", "RSAPrivateNumbers", "RSAPublicKey", "RSAPublicNumbers",
    "generate_private_key", "rsa_crt_dmp1", "rsa_crt_dmq1", "rsa_crt_iqmp",
]  # fmt: skip


def rsa_crt_dmp1(private_exponent: int, p: int) -> int:
    return private_exponent % (p - 1)


def rsa_crt_dmq1(private_exponent: int, q: int) -> int:
    return private_exponent % (q - 1)


def rsa_crt_iqmp(p: int, q: int) -> int:
    return pow(q, -1, p)


class RSAPublicNumbers(NamedTuple):
    e: int
    n: int

    def public_key(self, backend: object = None) -> RSAPublicKey:
        return RSAPublicKey(self.n, self.e)


class RSAPrivateNumbers(NamedTuple):
    p: int
    q: int
    d: int
    dmp1: int
    dmq1: int
    iqmp: int
    public_numbers: RSAPublicNumbers

    def private_key(self, backend: object = None, **_: object) -> RSAPrivateKey:
        """The key, its numbers checked first (``cryptography`` refuses bad ones too)."""
        n, e = self.public_numbers.n, self.public_numbers.e
        numbers = _rsa.Numbers(n, e, self.d, self.p, self.q, self.dmp1, self.dmq1, self.iqmp)
        _rsa.check(numbers)
        return RSAPrivateKey(numbers)
