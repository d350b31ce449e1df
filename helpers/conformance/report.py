"""The suite's results: one ``CaseResult`` per case, a ``Report`` for the run.

``Report.table()`` is the summary printed on standard output (one line per case, then the
totals and, per mistake code, whether it is "always wrong" or "wrong on these inputs");
``Report.to_json()`` the ``--json`` file: ``{"passed", "failed", "unsupported", "cases":
[{"name", "ok", "codes", "stage", "detail"}]}``.
"""

from dataclasses import dataclass

__all__ = ["CaseResult", "Report", "printable"]

PASS, FAIL, UNSUPPORTED = "pass", "FAIL", "unsupported"


def printable(text: str) -> str:
    """``text`` with every character a terminal would act on, not show, escaped as Python
    does (``\\x1b``, ``\\n``, ``\\u202e``): a signer's error line or ``unsupported`` reason
    could otherwise clear the screen and print a fake summary. Escaping twice is harmless."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii")
                   for c in text)  # fmt: skip


@dataclass(frozen=True)
class CaseResult:
    """One case: ``status`` is ``"pass"``, ``"FAIL"`` or ``"unsupported"``."""

    name: str
    api: str
    key_type: str
    status: str
    detail: str
    codes: tuple[str, ...] = ()
    stage: str = ""
    notes: tuple[str, ...] = ()
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return self.status != FAIL

    def to_dict(self) -> dict[str, object]:
        return {"name": self.name, "ok": self.ok, "codes": list(self.codes),
                "stage": self.stage, "detail": self.detail}  # fmt: skip

    def line(self) -> str:
        """One line, at most ~100 characters."""
        what = ", ".join(self.codes) or (f"{self.stage}: {self.detail}" if self.stage else "")
        if self.status == PASS and self.notes:
            what = "note: encoded unlike the reference, signed as sent"
        elif self.status == UNSUPPORTED:
            what = self.detail
        text = f"{self.name:<26} {self.status:<11} {printable(what)}"
        return text if len(text) <= 100 else text[:99] + "…"


@dataclass(frozen=True)
class Report:
    """Every case's result, in corpus order; the signer's label."""

    signer: str
    results: tuple[CaseResult, ...]

    def _count(self, status: str) -> int:
        return sum(r.status == status for r in self.results)

    @property
    def passed(self) -> int:
        return self._count(PASS)

    @property
    def failed(self) -> int:
        return self._count(FAIL)

    @property
    def unsupported(self) -> int:
        return self._count(UNSUPPORTED)

    @property
    def ok(self) -> bool:
        """No selected case failed (what the exit status says)."""
        return self.failed == 0

    def failures(self) -> list[CaseResult]:
        return [r for r in self.results if r.status == FAIL]

    def by_code(self) -> dict[str, list[str]]:
        """Mistake code → the failing cases it was proven on."""
        found: dict[str, list[str]] = {}
        for result in self.failures():
            for code in result.codes:
                found.setdefault(code, []).append(result.name)
        return found

    def summary(self) -> str:
        return (f"{self.passed} passed, {self.failed} failed, {self.unsupported} unsupported"
                f" ({len(self.results)} cases)")  # fmt: skip

    def table(self) -> str:
        """The summary table printed on standard output."""
        lines = [f"{'case':<26} {'result':<11} codes or stage"]
        lines += [r.line() for r in self.results]
        lines.append(self.summary())
        judged = len(self.results) - self.unsupported
        for code, names in self.by_code().items():
            kind = "always wrong" if len(names) == judged else "wrong on these inputs"
            lines.append(f"{code}: {len(names)} of {judged} cases ({kind})")
        return "\n".join(lines)

    def to_json(self) -> dict[str, object]:
        return {"passed": self.passed, "failed": self.failed,
                "unsupported": self.unsupported,
                "cases": [r.to_dict() for r in self.results]}  # fmt: skip

    def __repr__(self) -> str:
        return self.table()
