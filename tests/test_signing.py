"""helpers.signing against Binance's documented vectors and openssl."""

import subprocess
import sys

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from helpers.signing import hmac_sha256_hex

SECRET = "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j"
API_KEY = "vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A"

# Binance Spot API docs (REST "SIGNED Endpoint Examples", WebSocket API "Signed request
# example"); the values are the docs', re-computed with openssl in the facts sheet.
VECTORS = [
    (
        "symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC&quantity=1&price=0.1"
        "&recvWindow=5000&timestamp=1499827319559",
        "c8db56825ae71d6d79447849e617115f4a920fa2acdcab2b053c4b2838bd6b71",
    ),
    (
        "symbol=%EF%BC%91%EF%BC%92%EF%BC%93%EF%BC%94%EF%BC%95%EF%BC%96&side=BUY&type=LIMIT"
        "&timeInForce=GTC&quantity=1&price=0.1&recvWindow=5000&timestamp=1499827319559",
        "e1353ec6b14d888f1164ae9af8228a3dbd508bc82eb867db8ab6046442f33ef3",
    ),
    (
        "symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTCquantity=1&price=0.1"
        "&recvWindow=5000&timestamp=1499827319559",
        "0fd168b8ddb4876a0358a8d14d0c9f3da0e9b20c5d52b2a00fcf7d1c602f9a77",
    ),
    (
        f"apiKey={API_KEY}&price=52000.00&quantity=0.01000000&recvWindow=100&side=SELL"
        "&symbol=BTCUSDT&timeInForce=GTC&timestamp=1645423376532&type=LIMIT",
        "aa1b5712c094bc4e57c05a1a5c1fd8d88dcd628338ea863fec7b88e59fe2db24",
    ),
    (
        f"apiKey={API_KEY}&price=0.10000000&quantity=1.00000000&recvWindow=5000&side=BUY"
        "&symbol=１２３４５６&timeInForce=GTC&timestamp=1645423376532&type=LIMIT",
        "b33892ae8e687c939f4468c6268ddd4c40ac1af18ad19a064864c47bae0752cd",
    ),
]


@pytest.mark.parametrize("payload, signature", VECTORS)
def test_documented_vectors(payload, signature):
    assert hmac_sha256_hex(SECRET, payload) == signature
    assert hmac_sha256_hex(SECRET.encode(), payload.encode()) == signature


def _no_surrounding_whitespace(key: bytes) -> bool:
    return bool(key) and key == key.strip()


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
