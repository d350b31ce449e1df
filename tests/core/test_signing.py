"""helpers.signing against Binance's documented vectors and openssl."""

import subprocess
import sys

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from helpers.examples import EXAMPLE_SECRET_KEY, vectors
from helpers.signing import hmac_sha256_hex

SECRET = EXAMPLE_SECRET_KEY

# Binance's documented vectors (REST "SIGNED Endpoint Examples for POST /api/v3/order",
# WebSocket API "SIGNED request example (HMAC)"), read from helpers/data/vectors.json;
# tests/vectors/ re-computes each of them with openssl.
VECTORS = [pytest.param(v["payload"], v["signature"], id=v["id"]) for v in vectors()]


@pytest.mark.parametrize("payload, signature", VECTORS)
def test_documented_vectors(payload, signature):
    assert hmac_sha256_hex(SECRET, payload) == signature
    assert hmac_sha256_hex(SECRET.encode(), payload.encode()) == signature


def test_every_documented_vector_is_checked():
    assert [p.id for p in VECTORS] == [
        "rest-hmac-ascii",
        "rest-hmac-non-ascii",
        "rest-hmac-mixed",
        "ws-hmac-ascii",
        "ws-hmac-non-ascii",
    ]


def _no_surrounding_whitespace(key: bytes) -> bool:
    """An HMAC secret as the signer takes it: no surrounding whitespace, and not PEM text
    (both are refused with a message, tested below)."""
    return bool(key) and key == key.strip() and not key.startswith(b"-----BEGIN ")


@given(
    secret=st.binary(min_size=1, max_size=200).filter(_no_surrounding_whitespace),
    payload=st.binary(max_size=300),
)
def test_matches_openssl_on_any_bytes(openssl_hmac, secret, payload):
    # Secrets longer than the 64-byte SHA-256 block are hashed first by HMAC: covered here.
    assert hmac_sha256_hex(secret, payload) == openssl_hmac(secret, payload)


@given(
    secret=st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=100).filter(
        lambda s: s == s.strip()
    ),
    payload=st.text(st.characters(blacklist_categories=("Cs",)), max_size=200),
)
def test_text_is_signed_as_utf8_like_openssl(openssl_hmac, secret, payload):
    assume(secret.encode() == secret.encode().strip())
    assert hmac_sha256_hex(secret, payload) == openssl_hmac(secret.encode(), payload.encode())


def test_long_secret_is_hashed_first(openssl_hmac):
    secret = "k" * 65
    assert hmac_sha256_hex(secret, "x") == openssl_hmac(b"k" * 65, b"x")


def test_output_is_lowercase_hex():
    signature = hmac_sha256_hex(SECRET, "a=1")
    assert len(signature) == 64 and signature == signature.lower()
    int(signature, 16)


@pytest.mark.parametrize(
    "secret",
    [SECRET + "\n", "\n" + SECRET, " " + SECRET, SECRET + "\t", (SECRET + "\r\n").encode()],
)
def test_whitespace_around_the_secret_is_refused(secret):
    with pytest.raises(ValueError, match="secret has leading or trailing whitespace") as info:
        hmac_sha256_hex(secret, "a=1")
    assert SECRET not in str(info.value)  # the message never echoes the secret


@pytest.mark.parametrize(
    "secret, payload, error, words",
    [
        ("", "a=1", ValueError, "secret is empty"),
        (None, "a=1", TypeError, "secret: expected str or bytes"),
        (12345, "a=1", TypeError, "secret: expected str or bytes"),
        (SECRET, None, TypeError, "payload: expected str or bytes"),
        (SECRET, {"a": 1}, TypeError, "payload: expected str or bytes"),
    ],
)
def test_bad_arguments_are_refused(secret, payload, error, words):
    with pytest.raises(error, match=words):
        hmac_sha256_hex(secret, payload)


def test_core_imports_stay_light():
    code = (
        "import sys, helpers.params, helpers.signing;"
        "heavy = {'requests', 'dataclasses', 'cryptography', 'ipywidgets'} & set(sys.modules);"
        "print(sorted(heavy))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
