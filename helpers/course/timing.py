"""Minutes from an ``Effort``, at the pace course.toml states (``[pace]``): prose at
``words_per_minute``, each code cell and each exercise at a fixed cost, rounded to
``round_to`` minutes (never below one step)."""

from helpers.course.data import course
from helpers.course.sections import Effort

__all__ = ["minutes", "pace", "rounded"]


def pace() -> dict:
    return course()["pace"]


def minutes(work: Effort) -> float:
    """The unrounded minutes ``work`` takes."""
    p = pace()
    return (work.words / p["words_per_minute"] + work.code_cells * p["minutes_per_code_cell"]
            + work.exercises * p["minutes_per_exercise"])  # fmt: skip


def rounded(value: float) -> int:
    """``value`` minutes rounded to the pace's step, at least one step."""
    step = pace()["round_to"]
    return max(step, step * int(value / step + 0.5))
