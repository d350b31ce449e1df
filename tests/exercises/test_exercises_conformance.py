"""helpers.exercises.conformance: notebook 12's checks on the corpus, fed the right answer,
none, and each kind of wrong answer."""

import pytest
from verdicts import assert_correct, assert_not_attempted, assert_wrong

from helpers.exercises.conformance import check_always_wrong, check_touched

MIXED = {"rest-hmac-mixed", "hmac-mixed-unsorted", "hmac-mixed-sorted", "hmac-other-secret-mixed"}


def test_right_answers():
    assert_correct(check_touched(MIXED))
    assert_correct(check_always_wrong("TRAILING_NEWLINE"))


@pytest.mark.parametrize("placeholder", [..., None])
@pytest.mark.parametrize("check", [check_touched, check_always_wrong])
def test_not_attempted(check, placeholder):
    assert_not_attempted(check(placeholder))


@pytest.mark.parametrize(("answer", "stage", "words"), [
    ("hmac-mixed-sorted", "answer", ["set"]),
    ({1, 2}, "answer", ["case names"]),
    ({"no-such-case"}, "answer", ["no-such-case"]),
    (MIXED | {"hmac-body-only"}, "payload", ["hmac-body-only", "body only"]),
    (MIXED | {"hmac-timestamp-only"}, "payload", ["query only"]),
    (MIXED - {"hmac-mixed-sorted"}, "payload", ["hmac-mixed-sorted", "both"]),
])  # fmt: skip
def test_touched_wrong(answer, stage, words):
    assert_wrong(check_touched(answer), stage, *words)


@pytest.mark.parametrize(("answer", "stage", "words"), [
    (42, "answer", ["str"]),
    ("SOMETHING_ELSE", "answer", ["not one of"]),
    ("WS_SORTED_PAYLOAD_ON_REST", "payload", ["already-sorted"]),
    ("QUERY_BODY_JOINED_WITH_AMPERSAND", "payload", ["nothing to join"]),
    ("NON_ASCII_UNENCODED", "payload", ["all-ASCII"]),
])  # fmt: skip
def test_always_wrong_wrong(answer, stage, words):
    assert_wrong(check_always_wrong(answer), stage, *words)
