"""RSA in pure Python: RSASSA-PKCS1-v1_5 with SHA-256 (RFC 8017, 8.2), key generation and
the consistency check of a private key's numbers.

For teaching and for the browser edition, where ``cryptography`` has no build (Pyodide):
the desktop kit signs with ``cryptography``, and the tests check this module against it.
**Not constant-time**, and no blinding: the modular arithmetic takes time that depends on
the key, so do not use it where an attacker can time it.

Binance's RSA keys sign "using the RSASSA-PKCS1-v1_5 algorithm with SHA-256 hash function"
(rest-api.md → "Request Security" → "SIGNED Endpoint Examples for POST /api/v3/order" →
"RSA Keys"): the signature is the integer EM^d mod n, where EM is
``00 01 FF…FF 00 || DigestInfo(SHA-256) || SHA-256(message)`` (RFC 8017, 9.2).
"""

import hashlib
import math
import secrets
from typing import NamedTuple

__all__ = ["Numbers", "check", "generate", "sign", "verify"]

# DER of DigestInfo's AlgorithmIdentifier for SHA-256, then the OCTET STRING header of the
# 32-byte digest: RFC 8017, 9.2, note 1 ("SHA-256: (0x)30 31 30 0d 06 09 60 86 48 01 65 03
# 04 02 01 05 00 04 20 || H").
SHA256_DIGEST_INFO = bytes.fromhex("3031300d060960864801650304020105000420")
SMALL_PRIMES = [p for p in range(3, 2000, 2) if all(p % q for q in range(3, int(p**0.5) + 1, 2))]


class Numbers(NamedTuple):
    """An RSA private key's numbers, as PKCS#1's RSAPrivateKey lists them (RFC 8017, A.1.2)."""

    n: int
    e: int
    d: int
    p: int
    q: int
    dmp1: int  # d mod (p - 1)
    dmq1: int  # d mod (q - 1)
    iqmp: int  # q^-1 mod p

    @property
    def bits(self) -> int:
        return self.n.bit_length()


def _encoded(message: bytes, size: int) -> int:
    """EMSA-PKCS1-v1_5 (RFC 8017, 9.2) of ``message`` for a ``size``-byte modulus, as an int."""
    t = SHA256_DIGEST_INFO + hashlib.sha256(message).digest()
    if size < len(t) + 11:
        raise ValueError("private_key: the RSA modulus is too small for a SHA-256 signature")
    return int.from_bytes(b"\x00\x01" + b"\xff" * (size - len(t) - 3) + b"\x00" + t, "big")


def sign(key: Numbers, message: bytes) -> bytes:
    """The RSASSA-PKCS1-v1_5 SHA-256 signature of ``message`` (RFC 8017, 8.2.1), computed
    with the Chinese remainder theorem, and checked with the public exponent before it is
    returned (a fault would otherwise give away the key)."""
    size = (key.n.bit_length() + 7) // 8
    m = _encoded(message, size)
    m1, m2 = pow(m, key.dmp1, key.p), pow(m, key.dmq1, key.q)
    s = m2 + (key.iqmp * (m1 - m2) % key.p) * key.q
    if pow(s, key.e, key.n) != m:
        raise ValueError("private_key: the RSA key's numbers do not agree (damaged key?)")
    return s.to_bytes(size, "big")


def verify(n: int, e: int, message: bytes, signature: bytes) -> bool:
    """True if ``signature`` is ``message``'s RSASSA-PKCS1-v1_5 SHA-256 signature for the
    public key (n, e) (RFC 8017, 8.2.2): the whole encoding is rebuilt and compared, never
    parsed. A wrong length or a value not below n is False, never an exception."""
    size = (n.bit_length() + 7) // 8
    s = int.from_bytes(signature, "big")
    if len(signature) != size or s >= n:
        return False
    try:
        return pow(s, e, n) == _encoded(message, size)
    except ValueError:
        return False


def _probably_prime(n: int, rounds: int = 8) -> bool:
    """Miller-Rabin with random bases, after trial division by the small primes.

    8 rounds: FIPS 186-4, table C.2, asks 5 for the 1024-bit primes of RSA-2048 and 4 for
    the 2048-bit primes of RSA-4096 (error below 2^-100 for random candidates)."""
    if n < 2 or any(n % p == 0 for p in SMALL_PRIMES if p < n):
        return n in SMALL_PRIMES or n == 2
    r, odd = 0, n - 1
    while odd % 2 == 0:
        r, odd = r + 1, odd // 2
    for _ in range(rounds):
        x = pow(secrets.randbelow(n - 3) + 2, odd, n)
        if x in (1, n - 1):
            continue
        for _ in range(r - 1):
            x = x * x % n
            if x == n - 1:
                break
        else:
            return False
    return True


def _prime(bits: int, e: int) -> int:
    """A random prime of exactly ``bits`` bits, top two bits set, with gcd(e, p - 1) = 1."""
    while True:
        candidate = secrets.randbits(bits) | (3 << (bits - 2)) | 1
        if math.gcd(e, candidate - 1) == 1 and _probably_prime(candidate):
            return candidate


def generate(bits: int, e: int = 65537) -> Numbers:
    """A new RSA private key of ``bits`` bits (two primes of bits/2 bits each)."""
    if bits < 1024 or bits % 2 or e < 3 or e % 2 == 0:
        raise ValueError("key_size: at least 1024 and even; public_exponent: odd, at least 3")
    while True:
        p, q = _prime(bits // 2, e), _prime(bits // 2, e)
        if p != q and (p * q).bit_length() == bits:
            break
    p, q = max(p, q), min(p, q)
    d = pow(e, -1, math.lcm(p - 1, q - 1))
    return Numbers(p * q, e, d, p, q, d % (p - 1), d % (q - 1), pow(q, -1, p))


def check(key: Numbers) -> None:
    """A ValueError unless the numbers make one RSA key: n = p*q, e*d = 1 modulo
    lcm(p-1, q-1), and the CRT values agree. (The primality of p and q is not tested: a
    damaged key fails the products, and Miller-Rabin on big primes is slow in Python.)"""
    n, e, d, p, q, dmp1, dmq1, iqmp = key
    fine = (
        min(key) > 0 and p > 1 and q > 1 and n == p * q and e % 2 == 1 and e < n
        and e * d % math.lcm(p - 1, q - 1) == 1
        and dmp1 == d % (p - 1) and dmq1 == d % (q - 1) and iqmp * q % p == 1
    )  # fmt: skip
    if not fine:
        raise ValueError("private_key: the RSA key's numbers do not agree (damaged key?)")
