"""How sure the kit is of a mistake's *verdict* (the error code it earns), derived from what
it rests on — never written twice.

Each ``[[mistake]]`` of ``helpers/data/mistakes.toml`` lists its verdicts: one table per
code, ``{code = -1021, check = "timing", certainty = "model choice", rests_on = "timestamp
unit"}``. A verdict is

- **documented** when it cites (``source``) the errors.md section of that very code
  (``"-1022 INVALID_SIGNATURE"``), whose message says what the mistake does;
- **the local exchange's choice** when it rests on a row of
  ``helpers.exchange.assumptions`` (``rests_on``, the row's behaviour as its stable key)
  that is not verified against Binance.

The written ``certainty`` must be the one its basis gives: a "documented" planted on a
verdict that rests on an unverified assumption is refused when the catalogue is read.
``check`` is the local exchange's check that refuses it (``assumptions.CHECKS``); the
doctor lists findings in that order. Code ``0`` is "accepted".
"""

from dataclasses import dataclass

from helpers.exchange.assumptions import CHECKS, unverified
from helpers.mistakes.sources import Source, source

__all__ = ["DOCUMENTED_LABEL", "MODEL_CHOICE_LABEL", "VerdictBasis", "label"]

# The label printed next to a verdict, wherever one is shown (notebooks quote them).
DOCUMENTED_LABEL = "documented"
MODEL_CHOICE_LABEL = "local exchange's choice"
LABELS = {"documented": DOCUMENTED_LABEL, "model choice": MODEL_CHOICE_LABEL}


@dataclass(frozen=True)
class VerdictBasis:
    """One code a mistake earns, the check that refuses it, and what that rests on."""

    code: int  # Binance's error code; 0: accepted
    check: str  # one of assumptions.CHECKS
    certainty: str  # "documented" or "model choice", as written (and verified)
    source: Source | None = None  # documented: the errors.md section of the code
    rests_on: str | None = None  # model choice: the assumption row's behaviour

    @property
    def label(self) -> str:
        """``"documented"`` or ``"local exchange's choice"``."""
        return LABELS[self.certainty]

    def shown(self) -> str:
        """The verdict with its label: ``-1021 (local exchange's choice)``."""
        return f"{self.code or 'accepted'} ({self.label})"

    @classmethod
    def from_entry(cls, mistake: str, entry: dict) -> "VerdictBasis":
        """One verdict table of a ``[[mistake]]``; refused by name when its certainty is not
        the one its basis gives."""
        where = f"mistake {mistake}, verdict {entry.get('code')}"
        known = {"code", "check", "certainty", "source", "rests_on"}
        if set(entry) - known or not isinstance(entry.get("code"), int):
            raise ValueError(f"{where}: fields {sorted(entry)}; give code (an integer), check, "
                             "certainty, and source or rests_on")  # fmt: skip
        if entry.get("check") not in CHECKS:
            raise ValueError(f"{where}: check {entry.get('check')!r} is none of {CHECKS}")
        derived = _derived_certainty(where, entry)
        if entry.get("certainty") != derived:
            raise ValueError(f"{where}: certainty {entry.get('certainty')!r}, but its basis "
                             f"makes it {derived!r}")  # fmt: skip
        cited = source(entry["source"]) if "source" in entry else None
        return cls(entry["code"], entry["check"], derived, cited, entry.get("rests_on"))


def _derived_certainty(where: str, entry: dict) -> str:
    """The certainty a verdict's basis gives it: a source naming the code → documented; an
    unverified assumption row → model choice."""
    if ("source" in entry) == ("rests_on" in entry):
        raise ValueError(f"{where}: give either source (documented) or rests_on (an "
                         "assumption row), not both or neither")  # fmt: skip
    if "rests_on" in entry:
        try:
            return "model choice" if unverified(entry["rests_on"]) else "documented"
        except KeyError as error:
            raise ValueError(f"{where}: rests_on {error.args[0]}") from None
    try:
        cited = source(entry["source"])
    except KeyError as error:
        raise ValueError(f"{where}: source {error.args[0]}") from None
    code = entry["code"]
    if code and not (cited.file == "errors.md" and cited.headings[-1].startswith(f"{code} ")):
        return "model choice"  # a section that does not name the code documents no verdict
    return "documented"


def label(bases: tuple[VerdictBasis, ...], code: int) -> str:
    """``code`` with the label of the verdict that earns it (``-1021 (local exchange's
    choice)``), or marked as no verdict of this mistake."""
    for basis in bases:
        if basis.code == code:
            return basis.shown()
    return f"{code or 'accepted'} (not this mistake's verdict)"

