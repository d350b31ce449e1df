"""Show a pitfall in full — its broken code, what was signed next to what the server
received, the verdict; then the fix and its verdict — and the whole catalogue as a table.
The wrong way's verdict is printed with its label (``-1021 (local exchange's choice)``,
``-1022 (documented)``: ``helpers.mistakes.verdicts``).

Notebook 04 displays these; the code shown is the code that ran (``inspect.getsource``,
from the ``def`` line: the ``@pitfall`` above a wrong way is the kit's, not the mistake's).
"""

import ast
import html
import inspect
import textwrap

from helpers.display import inline_code_html
from helpers.mistakes.attempt import AttemptResult, attempt
from helpers.mistakes.mistake import DOCUMENTED, Mistake, Pitfall
from helpers.mistakes.registry import PITFALLS, by_name

__all__ = ["Catalogue", "Demonstration", "catalogue", "demonstrate"]

WRONG_WAY, FIX = "As people write it", "The fix"


def labelled(outcome: AttemptResult, mistake: Mistake) -> str:
    """The wrong way's verdict with its label: ``HTTP 400, -1021 (local exchange's choice)
    Timestamp for this request is outside of the recvWindow.``"""
    shown = f"HTTP {outcome.status}, {mistake.verdict_label(outcome.code)}"
    return f"{shown} {outcome.msg}" if outcome.msg else shown


def code_of(function) -> str:
    """The source of ``function`` from its ``def`` line, without the decorators above it."""
    source = textwrap.dedent(inspect.getsource(function))
    start = ast.parse(source).body[0].lineno  # a def's line number is its `def` line
    return "".join(source.splitlines(keepends=True)[start - 1 :])


class Demonstration:
    """A pitfall shown in full: the wrong code, what was signed next to what the server
    received, the verdict; then the fix and its verdict. Text and HTML renderings."""

    def __init__(self, pitfall: Pitfall, wrong: AttemptResult, right: AttemptResult):
        self.pitfall, self.wrong, self.right = pitfall, wrong, right

    def sections(self):
        """(heading, source code, outcome) for the wrong way, then for the fix."""
        yield WRONG_WAY, code_of(self.pitfall.wrong), self.wrong
        yield FIX, code_of(self.pitfall.right), self.right

    def about(self) -> list[str]:
        """The mistake's doc section, and how sure the kit is where the docs are silent."""
        mistake = self.pitfall.mistake
        lines = [f"Binance's docs: {mistake.source}"]
        if mistake.certainty != DOCUMENTED:
            lines.append(f"How sure: {mistake.certainty}")
        return lines

    def verdict(self, heading: str, outcome: AttemptResult) -> str:
        """The verdict of one way: the wrong way's labelled."""
        if heading == WRONG_WAY:
            return labelled(outcome, self.pitfall.mistake)
        return outcome.verdict_text()

    def __repr__(self) -> str:
        p = self.pitfall
        lines = [f"{p.title} [{p.code}]", p.why, *self.about(), ""]
        for heading, source, outcome in self.sections():
            lines += [f"-- {heading}", source.rstrip(), repr(outcome.comparison()),
                      f"verdict: {self.verdict(heading, outcome)}", ""]  # fmt: skip
            if heading == WRONG_WAY:
                lines.append(f"fix: {p.fix}")
        return "\n".join(lines).rstrip()

    def _repr_html_(self) -> str:
        p = self.pitfall
        about = "<br>".join(html.escape(line) for line in self.about())
        out = [f"<h4>{inline_code_html(p.title)} <small>[{p.code}]</small></h4>",
               f"<p>{inline_code_html(p.why)}</p>", f"<p><small>{about}</small></p>"]  # fmt: skip
        for heading, source, outcome in self.sections():
            colour = "#1a7f37" if outcome.accepted else "#cf222e"
            out.append(f"<p><b>{heading}</b></p>")
            if heading == FIX:
                out.append(f"<p>{inline_code_html(p.fix)}</p>")
            out.append(f"<pre style='font-family:monospace'>{html.escape(source.rstrip())}</pre>")
            out.append(outcome.comparison()._repr_html_())
            verdict = html.escape(self.verdict(heading, outcome))
            out.append(f"<p>Verdict: <b style='color:{colour}'>{verdict}</b></p>")
        return "\n".join(out)


def demonstrate(pitfall: Pitfall | str, exchange) -> Demonstration:
    """Run a pitfall's wrong way and its fix against ``exchange`` and show both."""
    if isinstance(pitfall, str):
        pitfall = by_name(pitfall)
    wrong, right = attempt(pitfall.wrong, exchange), attempt(pitfall.right, exchange)
    return Demonstration(pitfall, wrong, right)


def catalogue(exchange) -> "Catalogue":
    """Every pitfall run against ``exchange``: one row each, verdicts as the server gave them."""
    return Catalogue([demonstrate(p, exchange) for p in PITFALLS])


class Catalogue:
    """The summary table of ``catalogue``: each pitfall's wrong way, its verdict labelled
    (``documented`` or ``local exchange's choice``), and its fix's verdict. The text form
    leaves out the mistake's code and the messages, to stay under 90 characters wide."""

    HEADINGS = ("pitfall", "code", "wrong way", "fixed")
    TEXT_HEADINGS = ("pitfall", "wrong way: HTTP, code (label)", "fixed")

    def __init__(self, demonstrations: list[Demonstration]):
        self.demonstrations = demonstrations

    def rows(self) -> list[tuple[str, str, str, str]]:
        return [
            (d.pitfall.name, d.pitfall.code, labelled(d.wrong, d.pitfall.mistake),
             d.right.verdict_text())
            for d in self.demonstrations
        ]  # fmt: skip

    def text_rows(self) -> list[tuple[str, str, str]]:
        return [
            (d.pitfall.name, f"{d.wrong.status} {d.pitfall.mistake.verdict_label(d.wrong.code)}",
             f"{d.right.status} {d.right.code or 'accepted'}")
            for d in self.demonstrations
        ]  # fmt: skip

    def __repr__(self) -> str:
        rows = [self.TEXT_HEADINGS, *self.text_rows()]
        widths = [max(len(r[i]) for r in rows) for i in range(2)]
        return "\n".join(
            "  ".join(cell.ljust(w) for cell, w in zip(r[:2], widths, strict=True)) + "  " + r[2]
            for r in rows
        )

    def _repr_html_(self) -> str:
        head = "".join(f"<th>{h}</th>" for h in self.HEADINGS)
        body = "".join(
            "<tr>" + "".join(f"<td style='text-align:left'>{html.escape(c)}</td>" for c in r)
            + "</tr>"
            for r in self.rows()
        )
        return f"<table><tr>{head}</tr>{body}</table>"
