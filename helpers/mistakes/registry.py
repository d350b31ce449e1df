"""The registry: every mistake the kit knows, read from its one catalogue
(``helpers/data/mistakes.toml``), with the demonstrations the lesson modules declare.

``MISTAKES`` lists them in the catalogue's order (the signature doctor sorts its findings by
the local exchange's check, this order breaking ties): the doctor's finding codes are a
view of it (``helpers.doctor.codes``). ``PITFALLS`` lists the demonstrations in the order notebook
04's catalogue shows them: lesson by lesson (``LESSONS``), each module's in the order it
declares them.
"""

import tomllib
from importlib import resources

from helpers.mistakes import (
    encoding,
    headers,
    keys_and_secrets,
    parameters,
    payload,
    signatures,
    timing,
)
from helpers.mistakes.mistake import Mistake, Pitfall

__all__ = [
    "BY_CODE", "LESSONS", "MISTAKES", "PITFALLS", "by_code", "by_name", "declared_in", "read",
]  # fmt: skip

# The lesson modules, in the order notebook 04 teaches them.
LESSONS = (encoding, payload, parameters, headers, timing, keys_and_secrets, signatures)


def declared_in(module) -> tuple[Pitfall, ...]:
    """The pitfalls ``module`` declares (its ``@pitfall`` functions), in the order it
    declares them."""
    found = (getattr(value, "pitfall", None) for value in vars(module).values())
    return tuple(p for p in found if isinstance(p, Pitfall))


def read(catalogue: str, pitfalls: tuple[Pitfall, ...]) -> tuple[Mistake, ...]:
    """The mistakes of a catalogue's text, each with the ``pitfalls`` that name its code.
    A code written twice, or a pitfall naming a code the catalogue lacks, is refused."""
    entries = tomllib.loads(catalogue).get("mistake", [])
    codes = [entry.get("code") for entry in entries]
    twice = sorted({code for code in codes if codes.count(code) > 1})
    orphans = [f"{p.name} ({p.code})" for p in pitfalls if p.code not in codes]
    if twice or orphans:
        raise ValueError(f"the mistakes catalogue: codes written twice: {twice}; pitfalls "
                         f"whose code it lacks: {orphans}")  # fmt: skip
    return tuple(
        Mistake.from_entry(entry, tuple(p for p in pitfalls if p.code == entry["code"]))
        for entry in entries
    )


PITFALLS: tuple[Pitfall, ...] = tuple(p for module in LESSONS for p in declared_in(module))
MISTAKES: tuple[Mistake, ...] = read(
    resources.files("helpers").joinpath("data", "mistakes.toml").read_text("utf-8"), PITFALLS
)
BY_CODE: dict[str, Mistake] = {mistake.code: mistake for mistake in MISTAKES}


def by_code(code: str) -> Mistake:
    """The mistake reported as ``code``; the error lists the codes there are."""
    if code not in BY_CODE:
        raise KeyError(f"no mistake with code {code!r}; there are: {', '.join(BY_CODE)}")
    return BY_CODE[code]


def by_name(name: str) -> Pitfall:
    """The pitfall called ``name``; the error lists the names there are."""
    for pitfall in PITFALLS:
        if pitfall.name == name:
            return pitfall
    names = ", ".join(p.name for p in PITFALLS)
    raise KeyError(f"no pitfall named {name!r}; there are: {names}")
