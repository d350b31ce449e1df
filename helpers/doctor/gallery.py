"""Notebook 08's gallery: every pitfall of notebook 04 sent to an exchange, then diagnosed.

``gallery(ctx, exchange, secret=..., server_time=...)`` runs each pitfall's wrong way and
the doctor on the request it sent; each row shows the exchange's answer with its label
(``-1021 (local exchange's choice)``, ``-1022 (documented)``: the verdict's certainty in
``helpers/data/mistakes.toml``), whether the doctor named the pitfall's own code, and the
doctor's codes in the local exchange's check order. The text form puts the codes on a line
of their own, so that no line is wider than about 90 characters.
"""

import html
from dataclasses import dataclass

from helpers.doctor.diagnose import diagnose
from helpers.mistakes.registry import PITFALLS

__all__ = ["Gallery", "GalleryRow", "gallery"]


@dataclass(frozen=True)
class GalleryRow:
    pitfall: str
    answer: str  # the exchange's answer, labelled: "-1021 (local exchange's choice)"
    named: bool  # whether the doctor named the pitfall's own code
    codes: tuple[str, ...]  # the doctor's codes, in the local exchange's check order


class Gallery:
    """The gallery's rows, as text (a terminal, nbval) and as an HTML table (a notebook)."""

    HEADINGS = ("pitfall", "exchange answered", "named", "doctor's codes")

    def __init__(self, rows: list[GalleryRow]):
        self.rows = rows

    def __repr__(self) -> str:
        width = max(len(row.pitfall) for row in self.rows)
        answer = max(len(row.answer) for row in self.rows)
        lines = [f"{'pitfall':{width}}  {'exchange answered':{answer}}  named",
                 "    doctor's codes"]  # fmt: skip
        for row in self.rows:
            named = "yes" if row.named else "NO"
            lines.append(f"{row.pitfall:{width}}  {row.answer:{answer}}  {named}")
            lines.append(f"    {', '.join(row.codes)}")
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        head = "".join(f"<th>{h}</th>" for h in self.HEADINGS)
        cells = (
            (row.pitfall, row.answer, "yes" if row.named else "NO", ", ".join(row.codes))
            for row in self.rows
        )
        body = "".join(
            "<tr>" + "".join(f"<td style='text-align:left'>{html.escape(c)}</td>" for c in r)
            + "</tr>"
            for r in cells
        )
        return f"<table><tr>{head}</tr>{body}</table>"


def gallery(ctx, exchange, *, secret: str, server_time: int | None = None) -> Gallery:
    """Send every pitfall's wrong way with ``ctx`` to ``exchange`` (a ``LocalExchange``),
    diagnose each request with ``secret``, and collect the rows."""
    rows = []
    for pitfall in PITFALLS:
        _, response = pitfall.wrong(ctx)
        verdict = exchange.last_verdict
        found = diagnose(response, secret=secret, server_time=server_time)
        code = 0 if verdict.accepted else verdict.code
        rows.append(GalleryRow(pitfall.name, pitfall.mistake.verdict_label(code),
                               pitfall.code in found.codes, found.codes))  # fmt: skip
    return Gallery(rows)
