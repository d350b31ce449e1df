"""helpers.avalanche: bits of a hex signature, flipped-bit counts, and the bit grids.

The expected bit strings and counts below are worked out by hand from the hex digits.
"""

import re

import pytest

from helpers.avalanche import bit_grids, bits, flipped_bits
from helpers.examples import vector

# Binance's documented signatures (REST example and the mixed example).
DOC_SIGNATURE = vector("rest-hmac-ascii")["signature"]
MIXED_SIGNATURE = vector("rest-hmac-mixed")["signature"]


@pytest.mark.parametrize(
    ("hex_text", "expected"),
    [
        ("0", "0000"),
        ("f", "1111"),
        ("a5", "10100101"),
        ("A5", "10100101"),  # hex is case-insensitive
        ("c8db", "1100100011011011"),
        ("", ""),
    ],
)
def test_bits(hex_text, expected):
    assert bits(hex_text) == expected


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("00", "00", 0),
        ("00", "ff", 8),
        ("0f", "f0", 8),
        ("c8", "c9", 1),  # 11001000 vs 11001001
        ("1", "2", 2),  # 0001 vs 0010
        ("7", "8", 4),  # 0111 vs 1000
        ("ab", "AB", 0),  # same signature, different case
        ("c8db", "0fd1", 7),  # 1100100011011011 vs 0000111111010001
    ],
)
def test_flipped_bits_small_examples(a, b, expected):
    assert flipped_bits(a, b) == expected
    assert flipped_bits(b, a) == expected


def test_flipped_bits_of_two_documented_signatures_is_near_half():
    count = flipped_bits(DOC_SIGNATURE, MIXED_SIGNATURE)
    # Independent count: XOR the two 256-bit numbers and count the ones.
    assert count == bin(int(DOC_SIGNATURE, 16) ^ int(MIXED_SIGNATURE, 16)).count("1")
    assert 90 < count < 166


def test_refusals():
    with pytest.raises(ValueError, match="different lengths"):
        flipped_bits("ab", "abc")
    with pytest.raises(ValueError, match="'g' at position 1"):
        bits("ag")
    with pytest.raises(TypeError, match="bytes"):
        bits(b"ab")


def test_grids_need_a_256_bit_signature():
    with pytest.raises(ValueError, match="64 hex digits"):
        bit_grids("ab", "cd")


def test_all_bits_flipped():
    grids = bit_grids("0" * 64, "f" * 64, labels=("zeros", "ones"))
    assert grids.flipped == 256
    assert grids.summary() == "256 of 256 bits flipped (100.0%)"
    lines = repr(grids).splitlines()
    assert lines[0] == "256 of 256 bits flipped (100.0%)"
    assert lines[1].split() == ["zeros", "ones", "flipped"]
    assert lines[2] == "0" * 16 + "   " + "1" * 16 + "   " + "x" * 16
    assert len(lines) == 2 + 16


def test_one_bit_flipped_is_marked_where_it_is():
    a = "0" * 64
    b = "0" * 63 + "1"  # the very last bit
    grids = bit_grids(a, b)
    assert grids.flipped == 1
    rows = repr(grids).splitlines()[2:]
    assert rows[-1].endswith("." * 15 + "x")
    assert all(row.split()[2] == "." * 16 for row in rows[:-1])


def test_html_is_deterministic_and_marks_each_flipped_bit():
    grids = bit_grids(DOC_SIGNATURE, MIXED_SIGNATURE, labels=("BUY", "<mixed>"))
    html = grids._repr_html_()
    assert html == bit_grids(DOC_SIGNATURE, MIXED_SIGNATURE, ("BUY", "<mixed>"))._repr_html_()
    assert html.count("<rect") == 3 * 256
    assert html.count("fill='#e8590c'") == grids.flipped  # orange: one square per flip
    assert "&lt;mixed&gt;" in html and "<mixed>" not in html  # labels are escaped
    assert grids.summary() in html
    assert not re.search(r"0x[0-9a-f]{6,}", html)  # no memory addresses
