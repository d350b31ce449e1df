"""The teaching SHA-256 and the length-extension attack, checked against hashlib and hmac."""

import hashlib
import hmac

import pytest
from hypothesis import given
from hypothesis import strategies as st

from helpers.length_extension import Sha256, extend, padding, sha256_hex


@pytest.mark.parametrize("size", [0, 1, 55, 56, 63, 64, 65, 119, 120, 128, 1000])
def test_sha256_matches_hashlib_at_block_edges(size):
    data = bytes(range(256)) * 4
    assert sha256_hex(data[:size]) == hashlib.sha256(data[:size]).hexdigest()


@given(st.binary(max_size=300), st.integers(min_value=0, max_value=300))
def test_sha256_fed_in_pieces_matches_hashlib(data, cut):
    h = Sha256(data[:cut])
    h.update(data[cut:])
    assert h.hexdigest() == hashlib.sha256(data).hexdigest()


@pytest.mark.parametrize("length", [0, 1, 55, 56, 64, 100])
def test_padding_completes_whole_blocks_and_ends_with_the_bit_length(length):
    pad = padding(length)
    assert (length + len(pad)) % 64 == 0
    assert pad[0] == 0x80 and int.from_bytes(pad[-8:], "big") == length * 8


SECRET = b"a-secret-the-attacker-never-sees"
MESSAGE = b"symbol=LTCBTC&side=BUY&quantity=1"
EXTRA = b"&quantity=1000"


def test_length_extension_forges_a_valid_sha256_of_secret_and_message():
    mac = hashlib.sha256(SECRET + MESSAGE).hexdigest()
    forged = extend(mac, len(SECRET) + len(MESSAGE), EXTRA)
    assert forged.suffix.endswith(EXTRA)
    assert forged.digest == hashlib.sha256(SECRET + MESSAGE + forged.suffix).hexdigest()


def test_the_same_forgery_fails_against_hmac():
    mac = hmac.new(SECRET, MESSAGE, hashlib.sha256).hexdigest()
    forged = extend(mac, len(SECRET) + len(MESSAGE), EXTRA)
    right = hmac.new(SECRET, MESSAGE + forged.suffix, hashlib.sha256).hexdigest()
    assert forged.digest != right


def test_a_wrong_guess_of_the_secret_length_forges_nothing():
    mac = hashlib.sha256(SECRET + MESSAGE).hexdigest()
    forged = extend(mac, len(SECRET) + len(MESSAGE) + 1, EXTRA)
    assert forged.digest != hashlib.sha256(SECRET + MESSAGE + forged.suffix).hexdigest()


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: extend("zz", 10, b""), "digest_hex: expected a SHA-256 digest"),
        (lambda: extend("0" * 64, 10, "text"), "extension: expected bytes, got str"),
        (lambda: padding(-1), "length: expected a byte count"),
        (lambda: Sha256(state=(0,) * 8, length=3), "length: a resumed hash has read whole"),
        (lambda: Sha256("text"), "data: expected bytes, got str"),
    ],
)
def test_bad_input_names_the_parameter(call, message):
    with pytest.raises((TypeError, ValueError), match=message):
        call()
