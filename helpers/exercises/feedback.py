"""What a self-check returns: ``Feedback`` — correct, wrong (at which stage), or not attempted.

One result type for every exercise of every notebook (the local exchange's ``Verdict`` is a
server's verdict on a request; this is a verdict on a learner's answer, hence its own
name). A check never raises on a wrong answer or on an answer not given yet (``...`` or
``None``): it says "Not attempted yet", so an untouched notebook still runs top to bottom.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

__all__ = [
    "CORRECT",
    "NOT_ATTEMPTED",
    "Shown",
    "WRONG",
    "Feedback",
    "answer_of",
    "call_answer",
    "correct",
    "is_placeholder",
    "mismatch",
    "named",
    "not_attempted",
    "screen",
    "short",
    "try_cases",
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


class Shown(dict):
    """A dict a check passes to the learner's function, shown short in feedback (a call
    ``f({'symbol': 'BTCUSDT', …})`` stays on one line)."""

    def __repr__(self) -> str:
        text = dict.__repr__(self)
        return text if len(text) <= 48 else text[:47] + "…}"


def named(code: str, advice: str) -> str:
    """A typical wrong answer named as the mistakes catalogue names it — ``CODE (its
    title): advice`` — so a self-check and the signature doctor use the same words."""
    from helpers.mistakes import BY_CODE  # only when an answer is wrong

    return f"{code} ({BY_CODE[code].title}): {advice}"


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


def answer_of(func: Callable, args: tuple, call: str, todo: str) -> tuple[object, Feedback | None]:
    """Run the learner's ``func(*args)`` (shown as ``call``) as a check does: ``(its result,
    None)``, or ``(None, the feedback to show instead)`` — what it raised, or "not attempted"
    (``todo``) while it still returns ``...`` or ``None``, as an untouched stub does."""
    got, failed = call_answer(func, args, f"On {call}", "")
    if failed is None and is_placeholder(got):
        return None, not_attempted(todo)
    return got, failed


WIDTH = 64  # characters of a value shown in a mismatch: the notebook's width, less labels


def _window(text: str, at: int) -> tuple[str, int]:
    """At most ``WIDTH`` characters of ``text`` around index ``at``, and ``at`` within them."""
    start = max(0, min(at - WIDTH // 2, len(text) - WIDTH))
    shown = text[start : start + WIDTH]
    if start:
        shown, at = "…" + shown[1:], at - start
    if start + WIDTH < len(text):
        shown = shown[:-1] + "…"
    return shown, at


def _index(got: object, expected: object) -> str:
    """`` (index N)``: where two texts first differ, counted in the text, not its repr."""
    if not (isinstance(got, str | bytes) and type(got) is type(expected)):
        return ""
    pairs = enumerate(zip(got, expected, strict=False))
    first = next((i for i, (a, b) in pairs if a != b), min(len(got), len(expected)))
    return f" (index {first})"


def mismatch(stage: str, call: str, got: object, expected: object, why: str = "") -> Feedback:
    """``wrong(stage, …)`` showing the learner's output beside the expected one, both as
    ``repr``, with a caret under the first character where they differ::

        percent_encode('a b') returned
          yours:    'a+b'
          expected: 'a%20b'
                       ^ first difference (index 1)
    """
    mine, right = repr(got), repr(expected)
    at = next((i for i, (a, b) in enumerate(zip(mine, right, strict=False)) if a != b),
              min(len(mine), len(right)))  # fmt: skip
    mine_shown, caret = _window(mine, at)
    right_shown, _ = _window(right, at)
    lines = [
        f"{call} returned",
        f"  yours:    {mine_shown}",
        f"  expected: {right_shown}",
        "            " + " " * caret + "^ first difference" + _index(got, expected),
    ]
    return wrong(stage, "\n".join(lines) + (f"\n{why}" if why else ""))


def try_cases(
    func: object,
    cases: Iterable[tuple[tuple, object]],
    *,
    name: str,
    stage: str,
    todo: str,
    passed: str,
    why: Callable[[tuple, object], str] = lambda args, got: "",
    keep: bool = False,
) -> Feedback:
    """Judge a learner's function ``name`` on ``cases`` (``(args, expected)``, inputs other
    than the worked example's, so nothing copied from a cell above passes).

    Not attempted while ``func`` is ``...`` or returns ``None``/``...`` (the stub); the first
    case it raises on or gets wrong is shown as a ``mismatch`` (``why(args, got)`` may name
    the typical mistake); ``correct(passed)`` when every case matches — and, with
    ``keep=True``, the function kept in the learner's signer (``your_signer.keep``).
    """
    early = screen(func, callable, f"the function {name}", todo=todo)
    if early is not None:
        return early
    for args, expected in cases:
        call = f"{name}({', '.join(short(a, 40) if isinstance(a, str) else repr(a) for a in args)})"
        got, failed = answer_of(func, args, call, todo)
        if failed is not None:
            return failed
        if got != expected:
            return mismatch(stage, call, got, expected, why(args, got))
    if keep:
        from helpers.exercises.your_signer import keep as keep_function

        passed += "\n" + keep_function(func)
    return correct(passed)
