"""No prose states a count the registry can contradict (issue 24, item 3).

How many mistakes, pitfalls, error codes or conformance cases the kit has is decided by
`helpers.mistakes` (MISTAKES, PITFALLS), the local exchange and `helpers.conformance.cases()`;
a number typed in a markdown cell, the README or docs/ goes stale the day one is added (00 and 04
once said "twenty-six ways" while 04 printed 25). Prose says "every pitfall", or a code cell
prints the number from the registry.

Small counts of "ways" ("three ways", "one of two ways") are ordinary English, not registry
counts: "ways" is flagged from ten up; mistakes, pitfalls, codes and cases at any number.
"""

import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[2]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9]*.ipynb"))

_SMALL = "one|two|three|four|five|six|seven|eight|nine"
_LARGE = (
    r"\d{2,}|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen"
    r"|nineteen|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:-\w+)?|hundred"
)
# a number, up to three words that qualify the noun ("48 REST cases", "41 error codes"),
# never across "of" ("3 of 28 cases" is a result, printed, not typed)
_BETWEEN = r"(?:\s+(?!of\b)[\w'`-]+){0,3}?\s+"
TYPED_COUNT = re.compile(
    rf"\b(?:(?:\d|{_SMALL}|{_LARGE}){_BETWEEN}(?:mistakes|pitfalls|codes|cases|challenges|exercises)"
    rf"|(?:\d|{_SMALL}|{_LARGE})\s+(?:of\s+them\s+)?(?:for\s+you\s+to\s+write|you\s+write)"
    rf"|(?:{_LARGE}){_BETWEEN}ways)\b",
    re.IGNORECASE,
)


FIX = "say it without a number, or print it from the registry in a code cell"


def typed_counts(text: str) -> list[str]:
    return [" ".join(m.group(0).split()) for m in TYPED_COUNT.finditer(text)]


def test_the_pattern_catches_what_it_must():
    assert typed_counts("twenty-six ways a request goes wrong") == ["twenty-six ways"]
    assert typed_counts("the exchange's 41 error codes") == ["41 error codes"]
    assert typed_counts("48 REST cases, and 6 WebSocket API cases") == [
        "48 REST cases",
        "6 WebSocket API cases",
    ]
    assert typed_counts("six pitfalls show only inputs") == ["six pitfalls"]
    assert typed_counts("Six you write yourself; 6 of them for you to write") == [
        "Six you write",
        "6 of them for you to write",
    ]
    assert typed_counts("seven exercises") == ["seven exercises"]
    assert typed_counts("send the docs' order three ways; one of two ways") == []
    assert typed_counts("every pitfall of the catalogue (the cell below counts them)") == []


GENERATED = re.compile(r"<!-- kit:([\w-]+) -->.*?<!-- /kit:\1 -->", re.S)  # helpers.course


def _markdown(path: Path) -> str:
    """The markdown typed by hand: blocks ``helpers.course`` generates print their counts."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    text = "\n\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown")
    return GENERATED.sub("", text)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_no_typed_count_in_markdown(path):
    found = typed_counts(_markdown(path))
    assert not found, f"typed counts {found}: {FIX}"


def test_no_typed_count_in_readme():
    found = typed_counts((ROOT / "README.md").read_text(encoding="utf-8"))
    assert not found, f"typed counts {found}: {FIX}"


@pytest.mark.parametrize("path", sorted((ROOT / "docs").glob("*.md")), ids=lambda p: p.name)
def test_no_typed_count_in_docs(path):
    """The README's reference pages, docs/*.md."""
    found = typed_counts(path.read_text(encoding="utf-8"))
    assert not found, f"typed counts {found}: {FIX}"
