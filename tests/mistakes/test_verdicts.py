"""A verdict's certainty has one source (issue 30): derived from what it rests on, printed
with its label wherever a verdict is shown.

The catalogue (``helpers/data/mistakes.toml``) gives each mistake its verdicts; a verdict is
"documented" only when it cites the errors.md section of that very code, and "the local
exchange's choice" when it rests on an unverified row of ``helpers.exchange.assumptions``.
The planted-"documented" tests work on a copy of the catalogue's text, never the file.
"""

import html
import re
from importlib import resources

import pytest

from helpers.exchange.assumptions import CHECKS, NOT_VERIFIED, assumption
from helpers.mistakes import MISTAKES, PITFALLS, by_code, catalogue, demonstrate
from helpers.mistakes.registry import read
from helpers.mistakes.verdicts import DOCUMENTED_LABEL, MODEL_CHOICE_LABEL

CATALOGUE = resources.files("helpers").joinpath("data", "mistakes.toml").read_text("utf-8")
SERVER_TIME = 1499827320000


def verdict_line(code: str) -> tuple[int, int]:
    """(start, end) of the first verdict table of mistake ``code`` in the catalogue's text."""
    start = CATALOGUE.index(f'code = "{code}"')
    line = CATALOGUE.index("    { code = ", start)
    return line, CATALOGUE.index("\n", line)


def planted(code: str, change) -> str:
    """A copy of the catalogue's text with ``change`` applied to mistake ``code``'s first
    verdict table."""
    start, end = verdict_line(code)
    return CATALOGUE[:start] + change(CATALOGUE[start:end]) + CATALOGUE[end:]


# -- the rows issue 30 names: their codes are the local exchange's choice ---------------------


@pytest.mark.parametrize(
    ("code", "codes"),
    [
        ("TIMESTAMP_IN_SECONDS", {-1021}),
        ("JSON_BODY", {-1102}),
        ("FLOAT_EXPONENT", {-1100}),
        ("NON_ASCII_UNENCODED", {-1100}),
        ("RECV_WINDOW_INVALID", {-1100, -1102}),
        ("MISSING_API_KEY_HEADER", {-2014}),
    ],
)
def test_the_named_verdicts_rest_on_an_unverified_assumption(code, codes):
    bases = {b.code: b for b in by_code(code).verdicts}
    assert codes <= set(bases)
    for number in codes:
        basis = bases[number]
        assert basis.certainty == "model choice" and basis.label == MODEL_CHOICE_LABEL
        assert NOT_VERIFIED in assumption(basis.rests_on)[2]  # the row it rests on says so


def test_the_missing_header_no_longer_cites_a_section_without_its_code():
    mistake = by_code("MISSING_API_KEY_HEADER")
    assert mistake.source.headings[-1] != "HMAC Keys"
    assert all(b.source is None for b in mistake.verdicts)  # -2014 rests on an assumption


# -- planted "documented" on a model-choice verdict: refused -------------------------------


def test_the_catalogue_as_written_reads():
    assert len(read(CATALOGUE, PITFALLS)) == len(MISTAKES)


def test_a_planted_documented_on_a_verdict_resting_on_an_assumption_is_refused():
    text = planted("TIMESTAMP_IN_SECONDS", lambda v: v.replace('"model choice"', '"documented"'))
    assert '{ code = -1021, check = "timing", certainty = "documented"' in text
    with pytest.raises(ValueError, match="TIMESTAMP_IN_SECONDS.*'model choice'"):
        read(text, PITFALLS)


def test_a_planted_documented_citing_a_section_that_does_not_name_the_code_is_refused():
    def cite_timing_security(table: str) -> str:
        table = table.replace('"model choice"', '"documented"')
        return re.sub(r'rests_on = "[^"]*"', 'source = "timing-security"', table)

    text = planted("TIMESTAMP_IN_SECONDS", cite_timing_security)
    with pytest.raises(ValueError, match="makes it 'model choice'"):
        read(text, PITFALLS)


def test_a_planted_model_choice_on_a_documented_verdict_is_refused_too():
    def to_model_choice(table: str) -> str:
        return table.replace('"documented"', '"model choice"')

    text = planted("TIMESTAMP_OUTSIDE_WINDOW", to_model_choice)
    with pytest.raises(ValueError, match="makes it 'documented'"):
        read(text, PITFALLS)


def test_a_verdict_resting_on_no_assumption_row_is_refused():
    text = planted("JSON_BODY", lambda v: v.replace("Bodies that are not forms", "No such row"))
    with pytest.raises(ValueError, match="no assumption 'No such row'"):
        read(text, PITFALLS)


# -- every verdict has a basis and a check; every demonstrated verdict is listed -------------


def test_every_mistake_lists_its_verdicts_each_at_a_check_of_the_local_exchange():
    for mistake in MISTAKES:
        assert mistake.verdicts, mistake.code
        for basis in mistake.verdicts:
            assert basis.check in CHECKS
            if basis.certainty == "documented" and basis.code:
                assert basis.source.file == "errors.md"
                assert basis.source.headings[-1].split()[0] == str(basis.code)


def test_every_pitfalls_verdict_is_one_its_mistake_lists():
    for pitfall in PITFALLS:
        codes = {b.code for b in pitfall.mistake.verdicts}
        assert pitfall.expected in codes, pitfall.name


# -- the renderers print the label ---------------------------------------------------------


def test_the_catalogue_prints_each_verdict_with_its_label_within_90_columns(exchange):
    shown = catalogue(exchange)
    text = repr(shown)
    assert max(len(line) for line in text.splitlines()) <= 90
    rows = {line.split()[0]: line for line in text.splitlines()[1:]}
    assert f"-1021 ({MODEL_CHOICE_LABEL})" in rows["timestamp-in-seconds"]
    assert f"-1021 ({DOCUMENTED_LABEL})" in rows["clock-behind"]
    assert f"-1022 ({DOCUMENTED_LABEL})" in rows["trailing-newline"]
    assert "not this mistake's verdict" not in text
    assert html.escape(f"-1102 ({MODEL_CHOICE_LABEL})") in shown._repr_html_()


def test_a_demonstration_prints_the_wrong_ways_verdict_with_its_label(exchange):
    text = repr(demonstrate("json-body", exchange))
    assert f"verdict: HTTP 400, -1102 ({MODEL_CHOICE_LABEL}) Mandatory parameter" in text
