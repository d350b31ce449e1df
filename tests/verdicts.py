"""Assertions shared by the tests of the exercise self-checks (helpers.exercises*)."""

from helpers.exercises import Verdict


def assert_correct(verdict: Verdict) -> None:
    assert isinstance(verdict, Verdict)
    assert verdict.status == "correct", verdict
    assert verdict and verdict.stage is None
    assert repr(verdict).startswith("✓ Correct.")


def assert_not_attempted(verdict: Verdict, *words: str) -> None:
    assert verdict.status == "not attempted", verdict
    assert not verdict
    assert repr(verdict).startswith("… Not attempted yet.")
    for word in words:
        assert word in verdict.message, verdict


def assert_wrong(verdict: Verdict, stage: str, *words: str) -> None:
    assert verdict.status == "wrong", verdict
    assert not verdict
    assert verdict.stage == stage, verdict
    assert repr(verdict).startswith(f"✗ Not yet — the {stage} stage diverged.")
    for word in words:
        assert word in verdict.message, verdict
