"""helpers.exercises.keys_clinic (notebook 11): each check fed the right answer, no answer,
and each kind of wrong answer. The right repair is written here independently (plain
string operations), the scenarios' causes come from the scenarios' own words."""

import pytest

from helpers.exercises.feedback import Feedback
from helpers.exercises.keys_clinic import (
    CAUSES,
    SCENARIOS,
    check_minus_2015,
    check_repair,
)


def status(feedback: Feedback) -> tuple[str, str | None]:
    assert isinstance(feedback, Feedback)
    return feedback.status, feedback.stage


def right_repair(text: str) -> str:
    text = text.strip()
    if text[:1] in "'\"" and text[-1:] == text[:1]:
        text = text[1:-1]
    return text.replace("\\n", "\n")


def test_repair_right():
    assert status(check_repair(right_repair)) == ("correct", None)


@pytest.mark.parametrize("answer,expected", [
    (..., ("not attempted", None)),
    (None, ("not attempted", None)),
    ("not a function", ("wrong", "answer")),
    (lambda text: 1 / 0, ("wrong", "answer")),
    (lambda text: text.encode(), ("wrong", "answer")),
    (lambda text: text.strip().strip("'\""), ("wrong", "newlines")),
    (lambda text: text.replace("\\n", "\n"), ("wrong", "quotes")),
    (lambda text: " " + right_repair(text), ("wrong", "whitespace")),
    (lambda text: right_repair(text).replace("-----BEGIN", "-----begin"), ("wrong", "text")),
])  # fmt: skip
def test_repair_wrong(answer, expected):
    assert status(check_repair(answer)) == expected


RIGHT = {"A": "environment", "B": "permission", "C": "ip", "D": "environment"}


def test_minus_2015_right_and_scenarios_match_their_words():
    assert status(check_minus_2015(RIGHT)) == ("correct", None)
    assert "testnet" in SCENARIOS["A"][0] and "USER_DATA" in SCENARIOS["B"][0]
    assert "203.0.113.7" in SCENARIOS["C"][0] and "Demo Mode" in SCENARIOS["D"][0]


@pytest.mark.parametrize("answer,expected", [
    (..., ("not attempted", None)),
    (["environment"], ("wrong", "answer")),
    ({"A": "environment"}, ("wrong", "answer")),
    ({**RIGHT, "C": "firewall"}, ("wrong", "answer")),
    ({**RIGHT, "B": "ip"}, ("wrong", "cause")),
    ({**RIGHT, "D": "permission"}, ("wrong", "cause")),
    ({letter: CAUSES[0] for letter in SCENARIOS}, ("wrong", "cause")),
])  # fmt: skip
def test_minus_2015_wrong(answer, expected):
    assert status(check_minus_2015(answer)) == expected
