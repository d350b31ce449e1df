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


def test_a_long_comparison_shows_a_window_around_the_first_difference():
    # 300-byte payloads differing at byte 200: the difference must be on screen, not
    # 200 characters to the right of it.
    signed = "a=" + "1" * 198 + "X" + "2" * 99
    sent = "a=" + "1" * 198 + "Y" + "2" * 99
    lines = repr(compare(signed, sent)).splitlines()
    assert lines[0].startswith("first difference at byte 200 ")
    assert "bytes 160–240 shown" in lines[0]
    assert lines[1] == "signed: …" + "1" * 40 + "X" + "2" * 39 + "…"
    assert lines[2] == "  sent: …" + "1" * 40 + "Y" + "2" * 39 + "…"
    assert lines[3].index("^") == lines[1].index("X")
    assert max(len(line) for line in lines) <= 100
    page = compare(signed, sent)._repr_html_()
    assert "<mark>Y" + "2" * 39 + "</mark>…" in page and "byte 200" in page


def test_html_tables_break_long_values_anywhere():
    # A payload has no spaces: without these the table is wider than the notebook.
    page = compare("a=" + "1" * 300, "a=" + "1" * 299 + "2")._repr_html_()
    assert "overflow-wrap:anywhere" in page and "word-break:break-all" in page


def test_a_difference_near_the_end_shows_the_window_up_to_the_last_byte():
    lines = repr(compare("a=" + "1" * 198 + "X", "a=" + "1" * 198 + "Y")).splitlines()
    assert lines[0] == "first difference at byte 200 (of 201 and 201; bytes 160–201 shown)"
    assert lines[1] == "signed: …" + "1" * 40 + "X"
