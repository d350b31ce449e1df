"""The doctor's finding codes: a view of the mistakes registry (``helpers.mistakes``).

Every finding the doctor reports carries one of these codes, so a notebook, a test or a
script can rely on the name (``"TIMESTAMP_IN_SECONDS"``) while the explanation around it
says what happened in *this* request. Each code is one ``helpers.mistakes.Mistake``
(declared once, with its title, why, fix, verdicts and the doc it comes from); ``CODES``
lists them in the catalogue's order, the tie-break (``CHECK_ORDER``) after the check that
refuses a finding (``helpers.doctor.findings``); ``BY_CODE`` finds one by name. The table
in ``helpers.doctor``'s docstring is generated from it (``codes_table``).
"""

from helpers.mistakes.mistake import Mistake as Code
from helpers.mistakes.registry import BY_CODE, MISTAKES

__all__ = ["BY_CODE", "CHECK_ORDER", "CODES", "Code", "codes_table", "in_check_order"]

CODES: tuple[Code, ...] = MISTAKES
CHECK_ORDER = {code.code: index for index, code in enumerate(CODES)}


def in_check_order(counts: dict[str, int]) -> tuple[tuple[str, int], ...]:
    """``(code, count)`` pairs in the catalogue's order: how a ``Diagnosis`` lists the
    candidates each hypothesis tried."""
    return tuple(sorted(counts.items(), key=lambda item: CHECK_ORDER[item[0]]))


def codes_table() -> str:
    lines = ["| code | stage | proof | verdict | meaning | fix |", "|---|---|---|---|---|---|"]
    for c in CODES:
        lines.append(
            f"| `{c.code}` | {c.stage} | {c.proof} | {c.verdicts_shown} | {c.title}: {c.why} "
            f"| {c.fix} |"
        )
    return "\n".join(lines)
