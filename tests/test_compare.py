"""helpers.compare: where two payloads first differ."""

import pytest

from helpers.compare import compare, first_difference


@pytest.mark.parametrize(
    "a, b, index",
    [
        ("abc", "abc", None),
        ("abc", "abd", 2),
        ("abc", "ab", 2),  # a prefix: the shorter length
        ("", "x", 0),
        ("a b", "a+b", 1),
        ("×", "%C3%97", 0),
        ("é", "è", 1),  # UTF-8: c3 a9 vs c3 a8 — the second byte differs
        (b"\x00\xff", b"\x00\xfe", 1),
    ],
)
def test_first_difference(a, b, index):
    assert first_difference(a, b) == index


def test_text_rendering_points_at_the_difference():
    text = repr(compare("symbol=A&timestamp=1", "symbol=A&timestamp=2"))
    assert text.splitlines() == [
        "first difference at byte 19",
        "signed: symbol=A&timestamp=1",
        "  sent: symbol=A&timestamp=2",
        "                           ^",
    ]


def test_non_printable_bytes_are_made_visible():
    text = repr(compare("a=1\n", "a=1", labels=("signed", "received")))
    assert "signed: a=1\\x0a" in text
    assert text.splitlines()[0] == "first difference at byte 3"


def test_html_marks_the_differing_tail():
    page = compare("a=1&b=<2>", "a=1&b=<3>")._repr_html_()
    assert "<code>a=1&amp;b=&lt;<mark>2&gt;</mark></code>" in page
    assert "first difference at byte 7" in page


def test_equal_payloads():
    result = compare("a=1", b"a=1")
    assert result.equal and repr(result).startswith("identical (3 bytes)")
    assert "<mark>" not in result._repr_html_()


def test_bad_input_names_the_side():
    with pytest.raises(TypeError, match="sent: expected str or bytes"):
        compare("a", 1)
