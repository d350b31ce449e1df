"""How sure the kit is of a mistake's *verdict* (the error code it earns), derived from what
it rests on — never written twice.

Each ``[[mistake]]`` of ``helpers/data/mistakes.toml`` lists its verdicts: one table per
code, ``{code = -1021, check = "timing", certainty = "model choice", rests_on = "timestamp
unit"}``. A verdict is

- **documented** when it cites (``source``) the errors.md section of that very code
  (``"-1022 INVALID_SIGNATURE"``), whose message says what the mistake does;
- **the local exchange's choice** when it rests on a row of
  ``helpers.exchange.assumptions`` (``rests_on``, the row's behaviour as its stable key)
  that is not verified against Binance;
- whatever ``helpers/data/products.toml`` says of a product's answer to a key made for
  another product or environment (``answered_by``, the product's name: its
  ``wrong_place_code`` must be the verdict's code, and its ``wrong_place_certainty`` gives
  the certainty — "observed" (users report it, dated; Binance does not document it),
  "documented", or "model" → "model choice").

The written ``certainty`` must be the one its basis gives: a "documented" planted on a
verdict that rests on an unverified assumption is refused when the catalogue is read.
``check`` is the local exchange's check that refuses it (``assumptions.CHECKS``); the
doctor lists findings in that order. Code ``0`` is "accepted".
"""

from dataclasses import dataclass

from helpers.exchange.assumptions import CHECKS, unverified
from helpers.exchange.places import products
from helpers.mistakes.sources import Source, source

__all__ = [
    "DOCUMENTED_LABEL", "MODEL_CHOICE_LABEL", "OBSERVED_LABEL", "VerdictBasis", "label",
    "place_shown", "place_verdict",
]  # fmt: skip

# The label printed next to a verdict, wherever one is shown (notebooks quote them).
DOCUMENTED_LABEL = "documented"
MODEL_CHOICE_LABEL = "local exchange's choice"
OBSERVED_LABEL = "observed, not documented"  # the front door's word (helpers.course.data)
LABELS = {"documented": DOCUMENTED_LABEL, "model choice": MODEL_CHOICE_LABEL,
          "observed": OBSERVED_LABEL}  # fmt: skip
# products.toml's certainty words, as a verdict's.
_PRODUCT_CERTAINTY = {"documented": "documented", "observed": "observed",
                      "model": "model choice"}  # fmt: skip


@dataclass(frozen=True)
class VerdictBasis:
    """One code a mistake earns, the check that refuses it, and what that rests on."""

    code: int  # Binance's error code; 0: accepted
    check: str  # one of assumptions.CHECKS
    certainty: str  # "documented", "model choice" or "observed", as written (and verified)
    source: Source | None = None  # documented: the errors.md section of the code
    rests_on: str | None = None  # model choice: the assumption row's behaviour
    answered_by: str | None = None  # a product of products.toml: its wrong-place answer

    @property
    def label(self) -> str:
        """``"documented"``, ``"local exchange's choice"`` or ``"observed, not
        documented"``."""
        return LABELS[self.certainty]

    def shown(self) -> str:
        """The verdict with its label: ``-1021 (local exchange's choice)``."""
        return f"{self.code or 'accepted'} ({self.label})"

    @classmethod
    def from_entry(cls, mistake: str, entry: dict) -> "VerdictBasis":
        """One verdict table of a ``[[mistake]]``; refused by name when its certainty is not
        the one its basis gives."""
        where = f"mistake {mistake}, verdict {entry.get('code')}"
        known = {"code", "check", "certainty", "source", "rests_on", "answered_by"}
        if set(entry) - known or not isinstance(entry.get("code"), int):
            raise ValueError(f"{where}: fields {sorted(entry)}; give code (an integer), check, "
                             "certainty, and source, rests_on or answered_by")  # fmt: skip
        if entry.get("check") not in CHECKS:
            raise ValueError(f"{where}: check {entry.get('check')!r} is none of {CHECKS}")
        derived = _derived_certainty(where, entry)
        if entry.get("certainty") != derived:
            raise ValueError(f"{where}: certainty {entry.get('certainty')!r}, but its basis "
                             f"makes it {derived!r}")  # fmt: skip
        cited = source(entry["source"]) if "source" in entry else None
        return cls(entry["code"], entry["check"], derived, cited, entry.get("rests_on"),
                   entry.get("answered_by"))  # fmt: skip


def _derived_certainty(where: str, entry: dict) -> str:
    """The certainty a verdict's basis gives it: a source naming the code → documented; an
    unverified assumption row → model choice; a product's wrong-place answer → its own."""
    if sum(name in entry for name in ("source", "rests_on", "answered_by")) != 1:
        raise ValueError(f"{where}: give one of source (documented), rests_on (an "
                         "assumption row) or answered_by (a product)")  # fmt: skip
    if "answered_by" in entry:
        code, certainty = place_verdict(entry["answered_by"], where)
        if code != entry["code"]:
            raise ValueError(f"{where}: {entry['answered_by']} answers a key from another "
                             f"place {code}, not {entry['code']}")  # fmt: skip
        return certainty
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


def place_verdict(product: str, where: str = "product") -> tuple[int, str]:
    """(code, certainty) of what ``product`` answers a key made for another product or
    environment: its ``wrong_place_code`` and ``wrong_place_certainty`` in
    ``helpers/data/products.toml``, the certainty in the catalogue's words."""
    known = products()
    if product not in known:
        raise ValueError(f"{where}: answered_by {product!r} is none of {', '.join(known)}")
    facts = known[product]
    certainty = facts.fact("wrong_place_certainty")
    if certainty not in _PRODUCT_CERTAINTY:
        raise ValueError(f"{where}: {product}'s wrong_place_certainty {certainty!r} is none "
                         f"of {', '.join(_PRODUCT_CERTAINTY)}")  # fmt: skip
    return facts.fact("wrong_place_code"), _PRODUCT_CERTAINTY[certainty]


def label(bases: tuple[VerdictBasis, ...], code: int) -> str:
    """``code`` with the label of the verdict that earns it (``-1021 (local exchange's
    choice)``), or marked as no verdict of this mistake."""
    for basis in bases:
        if basis.code == code:
            return basis.shown()
    return f"{code or 'accepted'} (not this mistake's verdict)"



def place_shown(product: str) -> str:
    """What ``product`` answers a key from another place, labelled: ``-2008 (observed, not
    documented)`` on USDⓈ-M futures, ``-2008 (local exchange's choice)`` on COIN-M."""
    code, certainty = place_verdict(product)
    return f"{code} ({LABELS[certainty]})"
