"""A finding: one proven mistake — its code, what happened, the proof, the fix, the verdict.

``Finding`` is what the doctor reports; ``Findings`` collects them while one request is
diagnosed. A code is reported once: proven a second way (the request shows it *and* the
signature proves it), its two proofs are joined. Every text passes the ``Masker`` on the
way in, so no finding can hold the secret.

Findings are listed in the order the local exchange checks a request
(``helpers.exchange.assumptions.CHECKS``): each at the check that would refuse it — the
check of its mistake's verdict when the request shows it, the signature check when only
the signature proves it — ties in the catalogue's order. So the first finding is the one
the local exchange answers for.
"""

from dataclasses import dataclass, field

from helpers.compare import Comparison, compare
from helpers.doctor.codes import BY_CODE, CHECK_ORDER
from helpers.doctor.masking import Masker
from helpers.exchange.assumptions import CHECKS


@dataclass(frozen=True)
class Finding:
    """One proven finding: its stable ``code``, what happened in this request
    (``explanation``), how it is proven (``proof``), and the ``fix``. ``comparison`` is
    the payload the mistake would have signed next to the payload sent, when that is the
    proof; ``alternatives`` are codes of other mistakes that yield the very same bytes (the
    proof cannot tell them apart, and the explanation says so)."""

    code: str
    title: str
    explanation: str
    proof: str
    fix: str
    comparison: Comparison | None = field(default=None, compare=False)
    alternatives: tuple[str, ...] = ()  # codes whose mistake yields the very same bytes
    check: str = "signature"  # the local exchange's check that would refuse it
    answer: str | None = None  # the verdict, labelled, when the place decides it

    @property
    def stage(self) -> str:
        return BY_CODE[self.code].stage

    @property
    def verdict(self) -> str:
        """The code the local exchange answers for it at that check, labelled:
        ``-1021 (local exchange's choice)``; several when the mistake earns several; the
        ``answer`` alone when the request's place decides it (a key from another place)."""
        if self.answer is not None:
            return self.answer
        mistake = BY_CODE[self.code]
        at_check = [b for b in mistake.verdicts if b.check == self.check] or mistake.verdicts
        return ", ".join(b.shown() for b in at_check)


# The proof of a finding the request itself shows (no signature needed).
REQUEST_SHOWS = "the request shows it"


class Findings:
    """The findings of one diagnosis, one per code, masked as they are added; ``ordered``
    gives them in the local exchange's check order."""

    def __init__(self, masker: Masker) -> None:
        self.masker = masker
        self.items: dict[str, Finding] = {}

    def add(
        self,
        code: str,
        explanation: str,
        proof: str,
        comparison: tuple[bytes, bytes] | None = None,
        *,
        replace: bool = False,
        alternatives: tuple[str, ...] = (),
        answer: str | None = None,
    ) -> None:
        meta = BY_CODE[code]
        shown = None
        if comparison is not None:
            signed, sent = comparison
            shown = compare(self.masker.data(signed), self.masker.data(sent), ("signed", "sent"))
        old = self.items.get(code)
        if old is not None and not replace:
            if old.proof == self.masker.text(proof):
                return
            # Proven twice (the request shows it, and the signature too): keep both proofs.
            explanation = f"{old.explanation} {explanation}"
            proof = f"{old.proof}; and {proof}"
            shown = shown or old.comparison
            alternatives = alternatives or old.alternatives
        proof = self.masker.text(proof)
        check = meta.check if proof.startswith(REQUEST_SHOWS) else "signature"
        self.items[code] = Finding(
            code, meta.title, self.masker.text(explanation), proof, meta.fix, shown,
            alternatives, check, answer,
        )  # fmt: skip

    def ordered(self) -> tuple[Finding, ...]:
        """The findings in the local exchange's check order (see the module's docstring)."""
        return tuple(sorted(self.items.values(), key=check_order))


def check_order(finding: Finding) -> tuple[int, int]:
    """Where ``finding`` comes: its check's place in ``CHECKS``, then its code's place in
    the catalogue."""
    return CHECKS.index(finding.check), CHECK_ORDER[finding.code]
