"""What a self-check returns: ``Feedback`` — correct, wrong (at which stage), or not attempted.

One result type for every exercise of every notebook (the local exchange's ``Verdict`` is a
server's verdict on a request; this is a verdict on a learner's answer, hence its own
name). A check never raises on a wrong answer or on an answer not given yet (``...`` or
``None``): it says "Not attempted yet", so an untouched notebook still runs top to bottom.
"""

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

__all__ = [
    "CORRECT",
    "NOT_ATTEMPTED",
    "WRONG",
    "Feedback",
    "call_answer",
    "correct",
    "first_finding",
    "is_placeholder",
    "known_mistake",
    "not_attempted",
    "screen",
    "short",
    "wrong",
]

CORRECT, WRONG, NOT_ATTEMPTED = "correct", "wrong", "not attempted"


@dataclass(frozen=True)
class Feedback:
    """The outcome of one check: ``status``, the ``stage`` that diverged, and a message.

    ``status`` is ``"correct"``, ``"wrong"`` or ``"not attempted"``; ``stage`` names
    where a wrong answer went off track (``"payload"``, ``"encoding"``, ``"secret"``,
    ``"signature"``, ...), or is ``None``. ``bool(feedback)`` is true only when correct.
    """

    status: str
    stage: str | None
    message: str

    def __bool__(self) -> bool:
        return self.status == CORRECT

    def __repr__(self) -> str:
        if self.status == CORRECT:
            head = "✓ Correct."
        elif self.status == NOT_ATTEMPTED:
            head = "… Not attempted yet."
        else:
            head = f"✗ Not yet — the {self.stage} stage diverged."
        return head + "\n" + "\n".join("  " + line for line in self.message.splitlines())


def correct(message: str) -> Feedback:
    return Feedback(CORRECT, None, message)


def wrong(stage: str, message: str) -> Feedback:
    return Feedback(WRONG, stage, message)


def not_attempted(message: str) -> Feedback:
    return Feedback(NOT_ATTEMPTED, None, message)


def is_placeholder(answer: object) -> bool:
    return answer is ... or answer is None


def short(text: str, limit: int = 90) -> str:
    shown = repr(text)
    return shown if len(shown) <= limit else shown[: limit - 1] + "…"


def screen(
    answer: object,
    accepts: type | tuple[type, ...] | Callable[[object], bool] = object,
    expected: str = "an answer",
    *,
    todo: str,
) -> Feedback | None:
    """The two answers every check turns away first, or ``None`` to go on judging.

    ``...``/``None`` is not attempted yet (``todo`` says what to write); an answer that is
    not of the kind ``accepts`` (a type, or a test such as ``callable``; anything by
    default) is wrong at the "answer" stage: "Expected ``expected``, got <its type>."
    """
    if is_placeholder(answer):
        return not_attempted(todo)
    fits = isinstance(answer, accepts) if isinstance(accepts, (type, tuple)) else accepts(answer)
    if not fits:
        return wrong("answer", f"Expected {expected}, got {type(answer).__name__}.")
    return None


def call_answer(
    func: Callable, args: tuple, where: str, called: str
) -> tuple[object, Feedback | None]:
    """Run the learner's ``func(*args)``: ``(its result, None)``, or, if it raises, ``(None,
    wrong feedback)`` at the "function" stage — "<where> your function raised <error>.
    <called>" — for a check never raises on the learner's code."""
    try:
        return func(*args), None
    except Exception as exc:  # the learner's code: report any failure, never raise
        return None, wrong("function", f"{where} your function raised {type(exc).__name__}: "
                                       f"{exc}. {called}")  # fmt: skip


# A step of a check: the feedback on what it finds wrong with an answer, or None to go on.
Step = Callable[..., "Feedback | None"]


def first_finding(steps: Iterable[Step], *answer: object) -> Feedback | None:
    """The feedback of the first step that finds something wrong with ``answer`` (each is
    called as ``step(*answer)``), or ``None`` when none does: a check's stages, in order."""
    for step in steps:
        found = step(*answer)
        if found is not None:
            return found
    return None


def known_mistake(answer: object, known: Mapping[object, tuple[str, str]]) -> Feedback | None:
    """``wrong(stage, why)`` if ``answer`` is one of the ``known`` typical wrong answers
    (``{answer: (stage, why)}``), else ``None``."""
    return wrong(*known[answer]) if answer in known else None
