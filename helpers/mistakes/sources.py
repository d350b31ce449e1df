"""The sections of Binance's docs the kit cites, each written once: in
``helpers/data/citations.json`` (file, heading path, the docs commit it was checked at).

A citation reads ``rest-api.md → "Request Security" → "SIGNED Endpoint security"``: the docs
file, then its headings, outermost first. ``tests/notebooks/test_citations.py`` checks every such
citation in the notebooks and in ``helpers/`` docstrings against the file, and the file
against the headings of binance-spot-api-docs at the commit it names.
"""

import json
from functools import cache
from importlib import resources

__all__ = ["CHECKED_COMMIT", "Source", "cite", "citations", "source"]

CHECKED_COMMIT = "a5e0bc3"
HEADING_SEPARATOR = " → "


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


@cache
def citations() -> dict[str, Source]:
    """Every citation of ``citations.json`` by id, as ``Source`` values."""
    text = resources.files("helpers").joinpath("data", "citations.json").read_text("utf-8")
    return {
        entry["id"]: Source(entry["file"], *entry["heading"].split(HEADING_SEPARATOR))
        for entry in json.loads(text)
    }


def source(citation_id: str) -> Source:
    """The ``Source`` of one citation id (``source("timing-security")``)."""
    try:
        return citations()[citation_id]
    except KeyError:
        known = "helpers/data/citations.json"
        raise KeyError(f"citation_id {citation_id!r} is not in {known}") from None


def cite(citation_id: str) -> str:
    """The citation as the kit writes it: ``rest-api.md → "Request Security" → …``."""
    return str(source(citation_id))
