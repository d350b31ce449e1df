"""The doctor's answer: a ``Diagnosis`` — the findings, and what was checked — as text or HTML.

``diagnose`` returns one. Its repr is the text a terminal (and ``python -m helpers.doctor``)
prints; ``_repr_html_`` is what a notebook shows. Both render the same rows: the request,
the payload as the server reads it, the signature and whether it verifies, then each
finding with its verdict (the code, labelled "documented" or "local exchange's choice"),
explanation, proof and fix. Nothing here holds the secret: every text
was masked before it got here.

The rows (request, payload, signature) are a ``helpers.display.RowsDisplay`` table, like a
``SignedRequest``'s; backtick spans become ``<code>`` by ``helpers.display.inline_code_html``.
"""

import html
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from helpers.compare import Comparison
from helpers.display import RowsDisplay, inline_code_html
from helpers.doctor.findings import Finding


@dataclass(frozen=True, repr=False)
class Diagnosis(RowsDisplay):
    """The doctor's answer: ``ok``, the ``findings`` (each with code, explanation, proof,
    fix), and what was checked. Renders as text in a terminal and as HTML in a notebook.

    ``signature_check`` says what the signature check found: ``"verified"``, ``"failed"``,
    or why it was not run. ``tried`` lists, when the signature failed, how many rebuilt
    payloads and keys each hypothesis tried. Nothing here holds the secret.
    """

    request: str
    payload: str
    payload_length: int
    signature: str | None
    scheme: str
    signature_check: str
    findings: tuple[Finding, ...]
    notes: tuple[str, ...] = ()
    tried: tuple[tuple[str, int], ...] = ()
    comparison: Comparison | None = field(default=None, compare=False)
    answered: int | None = None  # a -2015 or -2008 answered (``helpers.doctor.place``)

    @property
    def ok(self) -> bool:
        """True when nothing was found: the signature verifies (if a key was given) and
        nothing in the request would be refused."""
        return not self.findings

    @property
    def codes(self) -> tuple[str, ...]:
        """The findings' codes, in the local exchange's check order; ``("OK",)`` when none."""
        return tuple(f.code for f in self.findings) or ("OK",)

    @property
    def verdict(self) -> str:
        """What the local exchange answers this request, labelled: the first finding's
        verdict (``-1021 (local exchange's choice)``), or ``accepted`` when nothing was
        found — or, when a -2015 or -2008 was answered and nothing explains it, that code
        (``-2008 (answered; no finding explains it)``)."""
        if not self.findings and self.answered:
            return f"{self.answered} (answered; no finding explains it)"
        return self.findings[0].verdict if self.findings else "accepted"

    def reworded(self, change: Callable[[str], str]) -> "Diagnosis":
        """The same diagnosis with ``change`` applied to the doctor's own words (each
        finding's explanation, proof and fix, the notes, the signature check) — not to
        the request, payload or signature shown. The command line names its options so."""
        findings = tuple(
            replace(f, explanation=change(f.explanation), proof=change(f.proof), fix=change(f.fix))
            for f in self.findings
        )
        return replace(
            self, findings=findings, notes=tuple(map(change, self.notes)),
            signature_check=change(self.signature_check),
        )  # fmt: skip

    def _headline(self) -> str:
        if self.ok and self.answered:
            return f"nothing found explains the {self.answered}: see the notes"
        if self.ok:
            if self.signature_check == "verified":
                return "OK: the signature verifies and nothing in the request would be refused"
            return f"OK as far as checked: nothing refused; signature {self.signature_check}"
        count = len(self.findings)
        return f"{count} finding{'s' if count > 1 else ''}: " + ", ".join(self.codes)

    def _rows(self) -> list[tuple[str, str]]:
        signature = self.signature if self.signature is not None else "(none)"
        check = {
            "verified": f"verifies ({self.scheme} over the payload as sent)",
            "failed": f"does not verify ({self.scheme} over the payload as sent)",
        }.get(self.signature_check, self.signature_check)
        return [
            ("request", self.request),
            (
                "payload",
                f"{self.payload or '(empty)'}  ({self.payload_length} bytes, as the "
                "server reads it)",
            ),
            ("signature", f"{signature} — {check}"),
        ]

    def _unexplained(self) -> bool:
        unexplained = {"UNKNOWN_MISMATCH", "WRONG_SECRET_OR_KEY"} & set(self.codes)
        return bool(self.tried and unexplained)

    def _tried_text(self) -> str:
        return ", ".join(f"{code} ({n})" for code, n in self.tried)

    def __repr__(self) -> str:
        # RowsDisplay's table of rows, its `Diagnosis(` ... `)` frame giving way to the headline.
        rows = super().__repr__().splitlines()[1:-1]
        lines = [f"Diagnosis — {self._headline()}", *rows]
        if self.comparison is not None:
            lines.append("  what you signed vs what was sent:")
            lines += ["    " + line for line in repr(self.comparison).splitlines()]
        for number, f in enumerate(self.findings, 1):
            lines.append(f"{number}. [{f.code}] {f.title}")
            lines.append(f"   verdict: {f.verdict}")
            lines.append(f"   what happened: {f.explanation}")
            lines.append(f"   proof: {f.proof}")
            if f.comparison is not None:
                lines += ["     " + line for line in repr(f.comparison).splitlines()]
            lines.append(f"   fix: {f.fix}")
        if self._unexplained():
            lines.append(f"hypotheses tried: {self._tried_text()}")
        if self.notes:
            lines.append("notes:")
            lines += [f"  - {note}" for note in self.notes]
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        colour = "#1a7f37" if self.ok else "#cf222e"
        headline = inline_code_html(self._headline())
        out = [f"<p><b style='color:{colour}'>Diagnosis — {headline}</b></p>"]
        out.append(super()._repr_html_())
        if self.comparison is not None:
            out.append("<p>What you signed vs what was sent:</p>")
            out.append(self.comparison._repr_html_())
        if self.findings:
            items = []
            for f in self.findings:
                item = (
                    f"<li><b><code>{f.code}</code></b> {inline_code_html(f.title)}"
                    f"<br>Verdict: {html.escape(f.verdict)}"
                    f"<br>What happened: {inline_code_html(f.explanation)}"
                    f"<br>Proof: {inline_code_html(f.proof)}"
                )
                if f.comparison is not None:
                    item += f.comparison._repr_html_()
                item += f"<br>Fix: {inline_code_html(f.fix)}</li>"
                items.append(item)
            out.append("<ol>" + "".join(items) + "</ol>")
        if self._unexplained():
            out.append(f"<p>Hypotheses tried: {html.escape(self._tried_text())}</p>")
        if self.notes:
            out.append("<p>Notes:</p><ul>")
            out += [f"<li>{inline_code_html(note)}</li>" for note in self.notes]
            out.append("</ul>")
        return "\n".join(out)
