"""``helpers.pure_crypto.rsa`` (RSASSA-PKCS1-v1_5 with SHA-256) against ``cryptography``:
keys of 2048 and 4096 bits made by either library sign and verify with the other, with
the very same bytes (PKCS#1 v1.5 is deterministic); bad signatures and damaged keys are
refused."""

import os

import pytest
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives import serialization as s
from cryptography.hazmat.primitives.asymmetric import padding, rsa

from helpers.pure_crypto import keys, serialization
from helpers.pure_crypto import rsa as pure_rsa

PKCS8 = (s.Encoding.DER, s.PrivateFormat.PKCS8, s.NoEncryption())


def ours_of(theirs) -> keys.RSAPrivateKey:
    """The same key, handed over as PKCS#8 DER."""
    return serialization.load_der_private_key(theirs.private_bytes(*PKCS8), None)


def theirs_of(ours) -> rsa.RSAPrivateKey:
    der = ours.private_bytes(keys.Encoding.DER, keys.PrivateFormat.PKCS8, keys.NoEncryption())
    return s.load_der_private_key(der, None)


def sign_with_cryptography(key, message: bytes) -> bytes:
    return key.sign(message, padding.PKCS1v15(), hashes.SHA256())


@pytest.fixture(scope="module")
def key_pairs() -> list:
    """(cryptography's key, ours): 2048 and 4096 from cryptography, 2048 made by ours."""
    made = [rsa.generate_private_key(public_exponent=65537, key_size=n) for n in (2048, 4096)]
    pairs = [(key, ours_of(key)) for key in made]
    ours = keys.generate_private_key(public_exponent=65537, key_size=2048)
    return [*pairs, (theirs_of(ours), ours)]


def test_the_same_signature_both_ways(key_pairs):
    for theirs, ours in key_pairs:
        assert ours.key_size == theirs.key_size in (2048, 4096)
        for size in (0, 1, 55, 64, 1000):
            message = os.urandom(size)
            signature = ours.sign(message, keys.PKCS1v15(), keys.SHA256())
            assert signature == sign_with_cryptography(theirs, message)
            theirs.public_key().verify(signature, message, padding.PKCS1v15(), hashes.SHA256())
            ours.public_key().verify(
                sign_with_cryptography(theirs, message), message, keys.PKCS1v15(), keys.SHA256()
            )


def test_a_bad_signature_is_refused(key_pairs):
    theirs, ours = key_pairs[0]
    message = b"symbol=BTCUSDT&side=SELL"
    good = sign_with_cryptography(theirs, message)
    public = ours.public_key()
    n = theirs.public_key().public_numbers().n
    too_big = (n + 1).to_bytes(256, "big")
    for bad in (good[:-1] + bytes([good[-1] ^ 1]), good[:-1], good + b"\x00", too_big, b""):
        with pytest.raises(keys.InvalidSignature):
            public.verify(bad, message, keys.PKCS1v15(), keys.SHA256())
        with pytest.raises(InvalidSignature):
            theirs.public_key().verify(bad, message, padding.PKCS1v15(), hashes.SHA256())
    with pytest.raises(keys.InvalidSignature):
        public.verify(good, message + b"x", keys.PKCS1v15(), keys.SHA256())


def test_only_pkcs1v15_with_sha256_is_offered(key_pairs):
    _, ours = key_pairs[0]
    with pytest.raises(keys.UnsupportedAlgorithm, match="PKCS1v15"):
        ours.sign(b"x", padding.PSS(padding.MGF1(hashes.SHA256()), 32), keys.SHA256())


def test_damaged_numbers_are_refused_by_the_check_and_by_signing(key_pairs):
    theirs, _ = key_pairs[0]
    numbers = theirs.private_numbers()
    good = pure_rsa.Numbers(
        numbers.public_numbers.n, numbers.public_numbers.e, numbers.d, numbers.p, numbers.q,
        numbers.dmp1, numbers.dmq1, numbers.iqmp,
    )  # fmt: skip
    pure_rsa.check(good)
    for field in ("n", "d", "p", "dmp1", "iqmp"):
        damaged = good._replace(**{field: getattr(good, field) + 2})
        with pytest.raises(ValueError, match="do not agree"):
            pure_rsa.check(damaged)
    with pytest.raises(ValueError, match="do not agree"):  # a fault is never handed out
        pure_rsa.sign(good._replace(dmq1=good.dmq1 + 2), b"message")
