"""Citations are data: every doc location the kit cites is one entry of
``helpers/data/citations.json``, each entry names headings that exist in Binance's docs at
the commit it was checked against (``tests/data/docs_headings.json``, commit a5e0bc3), and
every heading-looking citation in the notebooks (sources and stored outputs), in
``helpers/``, in the README and in ``docs/`` is one of those entries.

A heading-looking citation is a docs designator (a ``.md`` file of the docs repository, or
"REST API" / "WebSocket API" / "FIX API") followed by ``→`` or ``,`` and a quoted heading,
then any number of ``→ "heading"``: ``rest-api.md → "Request Security" → "SIGNED Endpoint
security"`` or ``REST API, "Timing security"``. Its quoted headings must be the end of the
heading path of one citation of that file (``rest-api.md → "SIGNED Endpoint security"`` is
fine; a renamed or truncated heading is not). A doc *sentence* is quoted after a colon,
which this pattern does not take for a heading.
"""

import html
import json
import re
from pathlib import Path

import pytest

from helpers.mistakes import MISTAKES
from helpers.mistakes.sources import CHECKED_COMMIT, citations

ROOT = Path(__file__).resolve().parents[2]
HEADINGS = json.loads((ROOT / "tests" / "data" / "docs_headings.json").read_text("utf-8"))
CITATIONS = json.loads((ROOT / "helpers" / "data" / "citations.json").read_text("utf-8"))
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
HELPERS = sorted((ROOT / "helpers").rglob("*.py"))

STALE = (
    "SIGNED (TRADE and USER_DATA)",
    "Endpoint security type",
    "totalParams is defined as",
    "49 years",
)

DESIGNATORS = {"REST API": "rest-api.md", "WebSocket API": "web-socket-api.md",
               "FIX API": "fix-api.md"}  # fmt: skip
QUOTED = r'"([^"\n]{1,160})"'
CITATION = re.compile(
    r"(?P<file>\b[\w/-]+\.md|REST API|WebSocket API|FIX API)\s*(?:,|→)\s*"
    + QUOTED
    + r'(?P<rest>(?:\s*→\s*"[^"\n]{1,160}")*)'
)


def normalise(text: str) -> str:
    """One line of plain text: HTML entities decoded, comment markers and line breaks of
    wrapped prose, comments and docstrings removed."""
    text = html.unescape(text)
    text = re.sub(r"'\n[ \t]*f?'", "", text)  # Python's implicit concatenation of '...' '...'
    text = re.sub(r"\n[ \t]*(?:#+|//|>|\*)?[ \t]*", " ", text)
    return re.sub(r"[ \t]+", " ", text)


def found_citations(text: str):
    """(file, headings, matched text) of every heading-looking citation in ``text``."""
    for match in CITATION.finditer(normalise(text)):
        file = DESIGNATORS.get(match["file"], match["file"])
        headings = [match[2], *re.findall(QUOTED, match["rest"])]
        yield file, headings, match[0]


def citation_problems(text: str) -> list[str]:
    """The citations of ``text`` that are not the end of a citation of citations.json."""
    known = {}
    for entry in CITATIONS:
        known.setdefault(entry["file"], []).append(entry["heading"].split(" → "))
    problems = []
    for file, headings, quoted in found_citations(text):
        paths = known.get(file, [])
        if not any(path[-len(headings) :] == headings for path in paths):
            problems.append(quoted)
    return problems


def notebook_texts(path: Path):
    """Each cell's source and each stored output's text, as (where, text)."""
    notebook = json.loads(path.read_text("utf-8"))
    for index, cell in enumerate(notebook["cells"]):
        yield f"{path.name} cell {index}", "".join(cell["source"])
        for output in cell.get("outputs", []):
            if "text" in output:
                yield f"{path.name} cell {index} output", "".join(output["text"])
            for kind, data in output.get("data", {}).items():
                if kind.startswith("text/"):
                    yield f"{path.name} cell {index} {kind}", "".join(data)


def kit_texts():
    for path in NOTEBOOKS:
        yield from notebook_texts(path)
    for path in HELPERS:
        yield str(path.relative_to(ROOT)), path.read_text("utf-8")
    yield "README.md", (ROOT / "README.md").read_text("utf-8")
    for path in sorted((ROOT / "docs").glob("*.md")):  # the README's reference pages
        yield str(path.relative_to(ROOT)), path.read_text("utf-8")


def heading_path_exists(file: str, path: list[str]) -> bool:
    """Whether ``path`` names nested headings of ``file``: each one inside the section of
    the one before it."""
    headings = HEADINGS["files"].get(file, [])

    def search(start: int, parent_level: int, rest: list[str]) -> bool:
        if not rest:
            return True
        for index in range(start, len(headings)):
            level, text = headings[index]
            if level <= parent_level:  # the parent's section ends here
                return False
            if text == rest[0] and search(index + 1, level, rest[1:]):
                return True
        return False

    return search(0, 0, path)


# -- the file of citations against the docs ----------------------------------------------


def test_the_heading_list_is_the_snapshot_the_citations_were_checked_at():
    assert HEADINGS["checked_commit"] == CHECKED_COMMIT == "a5e0bc3"


@pytest.mark.parametrize("entry", CITATIONS, ids=[e["id"] for e in CITATIONS])
def test_each_citation_names_headings_of_the_docs(entry):
    assert set(entry) >= {"id", "file", "heading", "checked_commit"}
    assert entry["checked_commit"] == HEADINGS["checked_commit"]
    assert heading_path_exists(entry["file"], entry["heading"].split(" → ")), entry


def test_citation_ids_are_unique_and_sources_read_them():
    ids = [entry["id"] for entry in CITATIONS]
    assert len(ids) == len(set(ids))
    assert sorted(citations()) == sorted(ids)
    for entry in CITATIONS:
        source = citations()[entry["id"]]
        assert (source.file, " → ".join(source.headings)) == (entry["file"], entry["heading"])


def test_every_mistake_cites_an_entry_of_the_file():
    known = set(citations().values())
    assert all(mistake.source in known for mistake in MISTAKES)


def test_heading_path_check_refuses_wrong_nesting_and_unknown_headings():
    assert heading_path_exists("rest-api.md", ["Request Security", "Timing security"])
    assert not heading_path_exists("rest-api.md", ["General Information on Endpoints",
                                                   "Timing security"])  # fmt: skip
    assert not heading_path_exists("rest-api.md", ["SIGNED Endpoint Examples"])
    assert not heading_path_exists("rest-api.md", ["Endpoint security type"])


# -- the kit's citations against the file -------------------------------------------------


def test_the_pattern_finds_citations_however_they_are_written():
    text = (
        'See *REST API → "SIGNED (TRADE and USER_DATA) Endpoint security"* and\n'
        "# rest-api.md → &quot;Request Security&quot; →\n"
        '#   "SIGNED Endpoint Examples" for the\n'
        '(WebSocket API, "Request security" → "SIGNED request example (HMAC)"), '
        'errors.md → "11xx - Request issues" → "-1103 UNKNOWN_PARAM", and\n'
        'rest-api.md → "SIGNED Endpoint security": "Signatures generated using HMAC"'
    )
    assert [(f, h) for f, h, _ in found_citations(text)] == [
        ("rest-api.md", ["SIGNED (TRADE and USER_DATA) Endpoint security"]),
        ("rest-api.md", ["Request Security", "SIGNED Endpoint Examples"]),
        ("web-socket-api.md", ["Request security", "SIGNED request example (HMAC)"]),
        ("errors.md", ["11xx - Request issues", "-1103 UNKNOWN_PARAM"]),
        ("rest-api.md", ["SIGNED Endpoint security"]),  # the quoted sentence is not taken
    ]


@pytest.mark.parametrize(
    "planted",
    [
        'REST API, "SIGNED (TRADE and USER_DATA) Endpoint security"',
        'rest-api.md → "Request Security" → "Endpoint security type"',
        'REST API, "SIGNED Endpoint Examples", non-ASCII example',
        'rest-api.md → "Timing security" → "Request Security"',  # wrong order
        'web-socket-api.md → "SIGNED Endpoint security"',  # wrong file
    ],
)
def test_a_planted_stale_citation_is_caught(planted, tmp_path):
    cell = {"cell_type": "markdown", "id": "x", "metadata": {},
            "source": ["The rule is in\n", planted + "."]}  # fmt: skip
    notebook = tmp_path / "planted.ipynb"
    notebook.write_text(json.dumps({"cells": [cell], "metadata": {}, "nbformat": 4,
                                    "nbformat_minor": 5}))  # fmt: skip
    problems = [p for _, text in notebook_texts(notebook) for p in citation_problems(text)]
    assert len(problems) == 1


def test_good_citations_pass():
    text = (
        'rest-api.md → "Request Security" → "SIGNED Endpoint security", '
        'rest-api.md → "SIGNED Endpoint security", REST API, "Timing security", '
        'errors.md → "-1103 UNKNOWN_PARAM"'
    )
    assert len(list(found_citations(text))) == 4
    assert citation_problems(text) == []


def test_every_citation_in_the_kit_is_in_the_citations_file():
    problems = [(where, quoted) for where, text in kit_texts()
                for quoted in citation_problems(text)]  # fmt: skip
    assert problems == []


def test_the_kit_cites_many_places():
    """The scan really reads the kit: it finds the notebooks' and helpers' citations."""
    found = [c for _, text in kit_texts() for c in found_citations(text)]
    assert len(found) >= 40


def test_no_stale_doc_text_remains():
    hits = [(where, stale) for where, text in kit_texts() for stale in STALE
            if stale in normalise(text) or stale in text]  # fmt: skip
    assert hits == []
