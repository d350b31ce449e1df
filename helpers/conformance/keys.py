"""The corpus's test-only keys, built the same way on every run from seeds in the data file.

``helpers/data/conformance.json`` names each key (``keys``): the docs' HMAC example
(``docs-hmac``, read from ``helpers.examples``), a test-only HMAC secret, and an Ed25519
and an RSA key pair given only by a seed. These keys open no account anywhere; no private
key is stored in the repository: ``private_pem`` builds it when a case needs it.

- Ed25519: the private key *is* 32 bytes (RFC 8032); the seed text is those bytes.
- RSA (2048 bits, e = 65537): two 1024-bit primes drawn from ``random.Random(seed)`` and
  tested with Miller-Rabin (bases from the same generator), then the usual CRT numbers.
"""

import functools
import random

from helpers.conformance.corpus import key_entry
from helpers.examples import key as documented_key

__all__ = ["api_key", "private_key", "private_pem", "public_key", "secret"]


def api_key(key_id: str) -> str:
    """The API key the exchange registers ``key_id`` under."""
    if key_id == "docs-hmac":
        return documented_key(key_id)["api_key"]
    return key_entry(key_id)["api_key"]


def secret(key_id: str) -> str:
    """An HMAC key's secret."""
    if key_id == "docs-hmac":
        return documented_key(key_id)["secret"]
    return key_entry(key_id)["secret"]


def _probable_prime(n: int, rng: random.Random, rounds: int = 40) -> bool:
    if n < 2 or n % 2 == 0:
        return n == 2
    for p in (3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37):
        if n % p == 0:
            return n == p
    d, s = n - 1, 0
    while d % 2 == 0:
        d, s = d // 2, s + 1
    for _ in range(rounds):
        x = pow(rng.randrange(2, n - 1), d, n)
        if x in (1, n - 1):
            continue
        for _ in range(s - 1):
            x = pow(x, 2, n)
            if x == n - 1:
                break
        else:
            return False
    return True


def _prime(rng: random.Random, bits: int, e: int) -> int:
    while True:
        candidate = rng.getrandbits(bits) | (3 << (bits - 2)) | 1  # top two bits: full size
        if (candidate - 1) % e and _probable_prime(candidate, rng):
            return candidate


@functools.cache
def private_key(key_id: str) -> object:
    """The ``cryptography`` private key object of an Ed25519 or RSA test key."""
    from cryptography.hazmat.primitives.asymmetric import ed25519, rsa

    entry = key_entry(key_id)
    seed = entry["seed"].encode("utf-8")
    if entry["key_type"] == "Ed25519":
        return ed25519.Ed25519PrivateKey.from_private_bytes(seed)
    rng, e = random.Random(seed), 65537
    p = _prime(rng, 1024, e)
    q = _prime(rng, 1024, e)
    d = pow(e, -1, (p - 1) * (q - 1))
    numbers = rsa.RSAPrivateNumbers(
        p, q, d, rsa.rsa_crt_dmp1(d, p), rsa.rsa_crt_dmq1(d, q), rsa.rsa_crt_iqmp(p, q),
        rsa.RSAPublicNumbers(e, p * q),
    )
    return numbers.private_key()


def private_pem(key_id: str) -> str:
    """The private key as PKCS#8 PEM text (what a signer reads from the case)."""
    from cryptography.hazmat.primitives import serialization

    return private_key(key_id).private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode("ascii")


def public_key(key_id: str) -> object:
    """The public half, the object the exchange verifies with."""
    return private_key(key_id).public_key()
