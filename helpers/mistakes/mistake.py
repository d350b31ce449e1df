"""What one mistake is: a ``Mistake`` (code, stage, title, why, fix, the doc it breaks) and
the ``Pitfall``\\s that demonstrate it (a wrong way and its fix, both really sent).

Every mistake the kit knows is declared once, in the module of its stage
(``helpers.mistakes.encoding``, ``.payload``, ``.parameters``, ``.headers``, ``.timing``,
``.keys_and_secrets``, ``.signatures``), with its demonstrations right next to it;
``helpers.mistakes.registry`` collects them.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

__all__ = ["DOCUMENTED", "INFERRED", "MODEL_CHOICE", "Mistake", "Pitfall", "Source"]

# How sure the kit is, where the docs are silent (``Mistake.certainty``).
DOCUMENTED = "documented: the cited section states the rule this mistake breaks"
INFERRED = (
    "inferred: the docs do not name this mistake; it follows from the cited rule "
    "(the signature covers the exact bytes)"
)
MODEL_CHOICE = (
    "the docs are silent on the verdict: the local exchange's choice "
    "(helpers.exchange.assumptions), to check with make testnet-check"
)

# What a demonstration does: send its request, return (payload signed, response).
Way = Callable[..., tuple[str, object]]


class Source:
    """Where a rule is written: a file of binance-spot-api-docs (as of commit a5e0bc3)
    and the headings leading to the section, outermost first:
    ``Source("rest-api.md", "Request Security", "Timing security")``."""

    __slots__ = ("file", "headings")

    def __init__(self, file: str, *headings: str):
        if not file.endswith(".md") or not headings:
            raise ValueError(f"Source: give a docs file and its headings, not {file!r}")
        self.file, self.headings = file, headings

    def __eq__(self, other) -> bool:
        return isinstance(other, Source) and (self.file, self.headings) == (
            other.file, other.headings
        )

    def __hash__(self) -> int:
        return hash((self.file, self.headings))

    def __str__(self) -> str:
        return " → ".join([self.file, *(f'"{h}"' for h in self.headings)])

    def __repr__(self) -> str:
        return f"Source({str(self)})"


@dataclass(frozen=True)
class Pitfall:
    """One demonstration of a mistake: the broken code as people write it, its fix, and
    the verdict the broken code earns (Binance's error code; ``0``: accepted, a myth)."""

    name: str  # unique, kebab-case
    wrong: Way
    right: Way
    expected: int
    case: str = ""  # what sets this demonstration apart, when its mistake has several
    mistake: "Mistake" = field(default=None, repr=False, compare=False)  # set by Mistake

    @property
    def code(self) -> str:
        return self.mistake.code

    @property
    def title(self) -> str:
        return f"{self.mistake.title} ({self.case})" if self.case else self.mistake.title

    @property
    def why(self) -> str:
        return self.mistake.why

    @property
    def fix(self) -> str:
        return self.mistake.fix


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
    certainty: str = DOCUMENTED
    pitfalls: tuple[Pitfall, ...] = ()

    def __post_init__(self):
        for pitfall in self.pitfalls:  # each demonstration knows what it demonstrates
            object.__setattr__(pitfall, "mistake", self)
