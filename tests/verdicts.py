"""Assertions shared by the tests of the exercise self-checks (helpers.exercises)."""

from helpers.exercises.feedback import Feedback


def assert_correct(verdict: Feedback) -> None:
    assert isinstance(verdict, Feedback)
    assert verdict.status == "correct", verdict
    assert verdict and verdict.stage is None
    assert repr(verdict).startswith("✓ Correct.")


def assert_not_attempted(verdict: Feedback, *words: str) -> None:
    assert verdict.status == "not attempted", verdict
    assert not verdict
    assert repr(verdict).startswith("… Not attempted yet.")
    for word in words:
        assert word in verdict.message, verdict


def assert_wrong(verdict: Feedback, stage: str, *words: str) -> None:
    assert verdict.status == "wrong", verdict
    assert not verdict
    assert verdict.stage == stage, verdict
    assert repr(verdict).startswith(f"✗ Not yet — the {stage} stage diverged.")
    for word in words:
        assert word in verdict.message, verdict
