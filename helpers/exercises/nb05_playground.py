"""Notebook 05's exercise where the learner writes the function: the first byte where what
was signed and what was sent part.

Judged on pairs the notebook never shows (two-byte and three-byte UTF-8 characters, a
difference inside one character, one payload a prefix of the other); the expected index is
where ``helpers.compare.first_difference`` finds it. A wrong answer is shown beside the
expected one (``feedback.mismatch``), and counting characters instead of bytes is named.

- ``check_first_differing_byte``: ``first_differing_byte(signed: str, sent: str) -> int``
"""

from helpers.compare import first_difference
from helpers.exercises import feedback as fb

__all__ = ["PAIRS", "check_first_differing_byte"]

# (what was signed, what was sent): none of them shown in the notebook.
PAIRS = (
    ("symbol=ÄÖÜ&side=BUY", "symbol=ÄÖÜ&side=SELL"),
    ("clientId=１２３&price=2", "clientId=１２４&price=2"),
    ("quantity=1", "quantity=1.0"),
    ("×tamp=1499827319559", "&timestamp=1499827319559"),
)


def _why(signed: str, sent: str, got: object, expected: int) -> str:
    """What a wrong index usually means: characters counted, or counting from 1."""
    characters = next((i for i, (a, b) in enumerate(zip(signed, sent, strict=False)) if a != b),
                      min(len(signed), len(sent)))  # fmt: skip
    if got == characters and characters != expected:
        return ("That counts characters. A signature covers bytes, and in UTF-8 a non-ASCII "
                "character takes 2 to 4: compare .encode() of each.")  # fmt: skip
    if got == expected + 1:
        return "Off by one: byte indexes start at 0."
    if expected == min(len(signed.encode()), len(sent.encode())):
        return "One payload is the start of the other: they part where the shorter one ends."
    return ""


def check_first_differing_byte(func: object) -> fb.Feedback:
    """Exercise (05): ``func(signed, sent) -> int``, the index of the first byte (UTF-8)
    where the two payloads differ, or the shorter one's length if it is a prefix."""
    todo = "Write the body of first_differing_byte, then run this cell again."
    early = fb.screen(func, callable, "the function first_differing_byte", todo=todo)
    if early is not None:
        return early
    for signed, sent in PAIRS:
        call = f"first_differing_byte({signed!r}, {sent!r})"
        got, failed = fb.answer_of(func, (signed, sent), call, todo)
        if failed is not None:
            return failed
        expected = first_difference(signed, sent)
        if got != expected or isinstance(got, bool):
            return fb.mismatch("bytes", call, got, expected, _why(signed, sent, got, expected))
    return fb.correct(
        "Right on every pair: everything before that byte was signed as sent, so that is "
        "where to look."
    )
