"""helpers.timing: the docs' timing rule, exactly at its edges, and the timeline picture.

Expected outcomes are worked out by hand from the rule in Binance's REST API docs,
"Timing security": accept iff ``timestamp < serverTime + 1000`` and
``serverTime - timestamp <= recvWindow``.
"""

import re
import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest

from helpers.timing import ACCEPTED, AHEAD, BEHIND, Mark, timeline, timing_rule, to_microseconds

S = 1499827320000  # server time, ms
DOCS_TIMESTAMP = 1499827319559


@pytest.mark.parametrize(
    ("timestamp", "expected"),
    [
        (1499827319559, 1499827319559000),
        (1499827319559000, 1499827319559000),  # 16 digits: microseconds already
        (999_999_999_999_999, 999_999_999_999_999_000),  # 15 digits: milliseconds
        (1499827320, 1499827320000),  # seconds are read as milliseconds
    ],
)
def test_to_microseconds(timestamp, expected):
    assert to_microseconds(timestamp) == expected


@pytest.mark.parametrize(
    ("timestamp", "recv_window", "expected"),
    [
        (DOCS_TIMESTAMP, 5000, ACCEPTED),  # 441 ms behind
        (S, 5000, ACCEPTED),
        (S - 5000, 5000, ACCEPTED),  # serverTime - timestamp == recvWindow: in
        (S - 5001, 5000, BEHIND),
        (S + 999, 5000, ACCEPTED),
        (S + 1000, 5000, AHEAD),  # not < serverTime + 1000: out
        (S + 1500, 5000, AHEAD),
        (1499827320, 5000, BEHIND),  # seconds: January 1970
        (S * 1000 + 999_999, 5000, ACCEPTED),  # 999.999 ms ahead, in microseconds
        (S * 1000 + 1_000_000, 5000, AHEAD),
        (S * 1000 - 5_000_000, 5000, ACCEPTED),
        (S * 1000 - 5_000_001, 5000, BEHIND),  # one microsecond too far behind
        (S - 7000, 5000, BEHIND),
        (S - 7000, 10000, ACCEPTED),  # a bigger window hides the skew
        (S - 60000, 60000, ACCEPTED),
        (S, Decimal("0.5"), ACCEPTED),
        (S - 1, Decimal("0.5"), BEHIND),  # 1 ms behind, window 0.5 ms
        (S * 1000 - 500, Decimal("0.5"), ACCEPTED),
    ],
)
def test_timing_rule(timestamp, recv_window, expected):
    assert timing_rule(timestamp, S, recv_window) == expected


def test_timing_rule_default_window_is_5000():
    assert timing_rule(S - 5000, S) == ACCEPTED
    assert timing_rule(S - 5001, S) == BEHIND


@pytest.mark.parametrize(
    ("kwargs", "error", "words"),
    [
        ({"timestamp": 1499827319.559}, TypeError, "timestamp: expected a positive int"),
        ({"timestamp": "1499827319559"}, TypeError, "(str)"),
        ({"timestamp": True}, TypeError, "(bool)"),
        ({"timestamp": 0}, TypeError, "positive int"),
        ({"server_time": 1.5}, TypeError, "server_time"),
        ({"recv_window": 5000.0}, TypeError, "recv_window"),
        ({"recv_window": 60001}, ValueError, "at most 60000"),
        ({"recv_window": 0}, ValueError, "more than 0"),
        ({"recv_window": Decimal("0.0005")}, ValueError, "three decimals"),
    ],
)
def test_timing_rule_refusals(kwargs, error, words):
    args = {"timestamp": DOCS_TIMESTAMP, "server_time": S, "recv_window": 5000, **kwargs}
    with pytest.raises(error, match=re.escape(words)):
        timing_rule(**args)


OUTSIDE = "Timestamp for this request is outside of the recvWindow."
AHEAD_MSG = "Timestamp for this request was 1000ms ahead of the server's time."
MARKS = [
    Mark("in seconds", 1499827320, -1021, OUTSIDE),
    Mark("edge behind", S - 5000, None),
    Mark("docs", DOCS_TIMESTAMP, None),
    Mark("micro", DOCS_TIMESTAMP * 1000, None),
    Mark("edge ahead", S + 1000, -1021, AHEAD_MSG),
    Mark("bad signature", S, -1022),
]


def svg_root(picture):
    return ET.fromstring(picture.svg())


def test_text_rendering_lists_every_request_with_the_rule():
    text = repr(timeline(S, 5000, MARKS))
    lines = text.splitlines()
    assert "accepted iff 1499827315000 <= timestamp < 1499827321000" in lines[0]
    assert re.search(r"in seconds\s+1499827320\s+-1498327492680 ms\s+-1021 Timestamp", text)
    assert re.search(r"edge behind\s+1499827315000\s+-5000 ms\s+accepted\s+accepted", text)
    assert re.search(r"micro\s+1499827319559000\s+-441 ms\s+accepted", text)
    assert re.search(r"edge ahead\s+1499827321000\s+\+1000 ms\s+-1021 .*ahead$", text, re.M)
    assert re.search(r"bad signature .* -1022\s+accepted$", text, re.M)
    assert lines[-1] == "all 6 verdicts agree with the timing rule"


def test_svg_is_well_formed_and_deterministic():
    picture = timeline(S, 5000, MARKS)
    assert picture.svg() == timeline(S, 5000, list(MARKS)).svg()
    assert picture._repr_html_() == timeline(S, 5000, MARKS)._repr_html_()
    root = svg_root(picture)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    texts = ["".join(t.itertext()) for t in root.iter("{http://www.w3.org/2000/svg}text")]
    for label in ("in seconds", "edge behind", "docs", "micro", "edge ahead", "bad signature"):
        assert label in texts
    assert texts.count("accepted") == 3
    assert texts.count("-1021") == 2 and "-1022" in texts
    assert "serverTime 1499827320000 " in texts
    for tick in ("-6000", "-5000", "0", "+1000", "+2000"):
        assert tick in texts


def test_marks_are_coloured_by_verdict_and_placed_by_time():
    root = svg_root(timeline(S, 5000, MARKS))
    ns = "{http://www.w3.org/2000/svg}"
    dots = list(root.iter(ns + "circle"))
    assert len(dots) == 3 and {d.get("fill") for d in dots} == {"#2b8a3e"}
    crosses = list(root.iter(ns + "path"))
    assert len(crosses) == 1 and crosses[0].get("stroke") == "#c92a2a"  # edge ahead
    squares = [r for r in root.iter(ns + "rect") if r.get("width") == "9"]
    assert len(squares) == 1 and squares[0].get("fill") == "#868e96"  # -1022
    arrows = list(root.iter(ns + "polygon"))
    assert len(arrows) == 1 and arrows[0].get("fill") == "#c92a2a"  # seconds, off-scale
    # x positions: plot 270..730 px for -6000..+2000 ms, so 0.0575 px per ms.
    xs = {d.find(ns + "title").text.split(":")[0]: float(d.get("cx")) for d in dots}
    assert xs["edge behind"] == pytest.approx(270 + 1000 * 0.0575)
    assert xs["docs"] == pytest.approx(270 + (6000 - 441) * 0.0575, abs=0.05)
    assert xs["micro"] == xs["docs"]
    band = next(r for r in root.iter(ns + "rect") if r.get("fill") == "#d3f9d8")
    assert float(band.get("x")) == pytest.approx(270 + 1000 * 0.0575, abs=0.05)
    assert float(band.get("width")) == pytest.approx(6000 * 0.0575, abs=0.05)


def test_off_scale_requests_get_a_note_with_the_date_they_mean():
    html_text = timeline(S, 5000, MARKS)._repr_html_()
    assert "1970-01-18 08:37:07 UTC" in html_text  # 1499827320 ms after the epoch
    assert "-1498327492680 ms from serverTime" in html_text
    assert html_text.count("<li>") == 1
    assert "<b>all 6 verdicts agree with the timing rule</b>" in html_text


def test_a_verdict_that_contradicts_the_rule_is_flagged():
    marks = [Mark("accepted but ahead", S + 1000, None), Mark("refused but in", S, -1021)]
    picture = timeline(S, 5000, marks)
    assert picture.disagreements == marks
    assert "2 of 2 verdicts disagree" in repr(picture)
    assert "≠ server" in repr(picture)
    assert "≠ rule" in picture.svg()


def test_labels_are_escaped_and_shortened():
    long_label = "<b>&" + "x" * 80
    picture = timeline(S, 5000, [(long_label, S, None)])
    svg = picture.svg()
    assert "<b>&" not in svg and "&lt;b&gt;&amp;" in svg
    ET.fromstring(svg)  # still well-formed
    assert "…" in svg


def test_a_larger_window_widens_the_scale():
    picture = timeline(S, 60000, [("a minute behind", S - 60000, None)])
    root = svg_root(picture)
    texts = ["".join(t.itertext()) for t in root.iter("{http://www.w3.org/2000/svg}text")]
    assert "-60000" in texts and "0" in texts and "-30000" in texts  # ticks every 10 s
    assert "1499827260000 <= timestamp" in repr(picture)


@pytest.mark.parametrize(
    ("marks", "error", "words"),
    [
        ([], ValueError, "at least one"),
        ([("no code",)], TypeError, "Mark(label, timestamp, code)"),
        ([("float", 1.5, None)], TypeError, "timestamp"),
        ([("", S, None)], TypeError, "label"),
        ([("code as text", S, "-1021")], TypeError, "code"),
    ],
)
def test_timeline_refusals(marks, error, words):
    with pytest.raises(error, match=re.escape(words)):
        timeline(S, 5000, marks)
