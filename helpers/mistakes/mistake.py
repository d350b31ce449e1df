"""What one mistake is: a ``Mistake`` (code, stage, title, why, fix, the doc it breaks) and
the ``Pitfall``\\s that demonstrate it (a wrong way and its fix, both really sent).

Every mistake the kit knows is written once, as an entry of ``helpers/data/mistakes.toml``
(``Mistake.from_entry`` reads one). Its demonstrations are Python: in the module of its
lesson (``helpers.mistakes.encoding``, ``.payload``, ``.parameters``, ``.headers``,
``.timing``, ``.keys_and_secrets``, ``.signatures``), ``@pitfall(code=..., right=...,
expected=...)`` declares the function below it the wrong way of that mistake;
``helpers.mistakes.registry`` puts the two together.
"""

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass, field

from helpers.exchange.assumptions import CHECKS
from helpers.mistakes.sources import Source, source
from helpers.mistakes.verdicts import VerdictBasis, label

__all__ = [
    "CERTAINTY", "DOCUMENTED", "INFERRED", "MODEL_CHOICE", "Mistake", "Pitfall", "pitfall",
]  # fmt: skip

# How sure the kit is of the *rule* a mistake breaks (``Mistake.certainty``); how sure it is
# of the *verdict* (the error code) is each verdict's own (``helpers.mistakes.verdicts``).
DOCUMENTED = "documented: the cited section states the rule this mistake breaks"
INFERRED = (
    "inferred: the docs do not name this mistake; it follows from the cited rule "
    "(the signature covers the exact bytes)"
)
MODEL_CHOICE = (
    "the docs are silent on this rule: the local exchange's choice "
    "(helpers.exchange.assumptions), to check with make testnet-check"
)
# Fields of a catalogue entry that are not text.
NOT_TEXT = ("verdicts", "pitfalls")
# The word the catalogue writes for each (``certainty = "inferred"``).
CERTAINTY = {"documented": DOCUMENTED, "inferred": INFERRED, "model choice": MODEL_CHOICE}

# What a demonstration does: send its request, return (payload signed, response).
Way = Callable[..., tuple[str, object]]


@dataclass(frozen=True, kw_only=True)
class Pitfall:
    """One demonstration of a mistake: the broken code as people write it, its fix, and
    the verdict the broken code earns (Binance's error code; ``0``: accepted, a myth)."""

    code: str  # the mistake it demonstrates: a code of helpers/data/mistakes.toml
    name: str  # unique, kebab-case
    wrong: Way
    right: Way
    expected: int
    case: str = ""  # what sets this demonstration apart, when its mistake has several
    mistake: "Mistake" = field(default=None, repr=False, compare=False)  # set by Mistake

    @property
    def title(self) -> str:
        return f"{self.mistake.title} ({self.case})" if self.case else self.mistake.title

    @property
    def why(self) -> str:
        return self.mistake.why

    @property
    def fix(self) -> str:
        return self.mistake.fix


def pitfall(*, code: str, right: Way, expected: int, case: str = "", name: str = ""):
    """Declare the function below the wrong way of mistake ``code``: ``right`` is its fix,
    ``expected`` the verdict the wrong way earns. The pitfall is named after the function
    (``secret_with_newline`` → ``"secret-with-newline"``) unless ``name`` is given; the
    function itself is returned unchanged, carrying its ``Pitfall`` as ``.pitfall``."""

    def declare(wrong: Way) -> Way:
        wrong.pitfall = Pitfall(
            code=code, name=name or wrong.__name__.replace("_", "-"), wrong=wrong,
            right=right, expected=expected, case=case,
        )  # fmt: skip
        return wrong

    return declare


@dataclass(frozen=True)
class Mistake:
    """One known mistake, under the stable code the signature doctor reports."""

    code: str
    stage: str  # header, body, encoding, parameters, timestamp, payload, signature, key
    proof: str  # how the doctor proves it: "request", "signature", or both
    title: str
    why: str  # what goes wrong, in plain words
    fix: str  # what to do instead
    source: Source  # the doc section whose rule it breaks
    certainty: str = DOCUMENTED  # of the rule; each verdict has its own (``verdicts``)
    verdicts: tuple[VerdictBasis, ...] = ()  # the codes it earns, how sure, which check
    pitfalls: tuple[Pitfall, ...] = ()

    def __post_init__(self):
        for pitfall in self.pitfalls:  # each demonstration knows what it demonstrates
            if pitfall.code != self.code:
                raise ValueError(f"pitfall {pitfall.name!r} demonstrates {pitfall.code}, "
                                 f"not {self.code}")  # fmt: skip
            object.__setattr__(pitfall, "mistake", self)

    def verdict_label(self, code: int) -> str:
        """``code`` as this mistake's verdict, with its label: ``-1021 (local exchange's
        choice)``, ``-1022 (documented)``."""
        return label(self.verdicts, code)

    @property
    def verdicts_shown(self) -> str:
        """Every code this mistake earns, labelled: ``-1022 (documented), -1100 (...)``."""
        return ", ".join(basis.shown() for basis in self.verdicts)

    @property
    def check(self) -> str:
        """The earliest check of the local exchange that refuses this mistake from the
        request alone (``signature`` when only the signature shows it)."""
        checks = [b.check for b in self.verdicts if b.check != "signature"]
        return min(checks, key=CHECKS.index) if checks else "signature"

    @classmethod
    def from_entry(cls, entry: dict, pitfalls: tuple[Pitfall, ...] = ()) -> "Mistake":
        """The mistake one ``[[mistake]]`` entry of the catalogue describes, with its
        demonstrations; an entry with a field missing or unknown, a ``source`` that is no
        citation id or a ``certainty`` that is none of ``CERTAINTY`` is refused by name."""
        code = entry.get("code", "?")
        fields = [f.name for f in dataclasses.fields(cls) if f.name not in NOT_TEXT]
        missing = [name for name in fields if not isinstance(entry.get(name), str)]
        unknown = sorted(set(entry) - set(fields) - set(NOT_TEXT))
        if missing or unknown:
            raise ValueError(f"mistake {code}: fields missing or not text: {missing}; "
                             f"unknown fields: {unknown}")  # fmt: skip
        if entry["certainty"] not in CERTAINTY:
            raise ValueError(f"mistake {code}: certainty {entry['certainty']!r} is none of "
                             f"{', '.join(CERTAINTY)}")  # fmt: skip
        try:
            cited = source(entry["source"])
        except KeyError as error:
            raise ValueError(f"mistake {code}: source {error.args[0]}") from None
        certainty = CERTAINTY[entry["certainty"]]
        verdicts = tuple(VerdictBasis.from_entry(code, v) for v in entry.get("verdicts", ()))
        fields = {**entry, "source": cited, "certainty": certainty, "verdicts": verdicts}
        return cls(**fields, pitfalls=pitfalls)
