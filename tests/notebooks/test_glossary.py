"""Notebook 00 defines every term of the glossary before the learner meets it (issue 24,
item 4): each term of ``helpers/data/course.toml`` is either in a jargon box (a blockquote
whose first line starts ``> **Jargon:**``) in the cell of its first use or an earlier one,
or first used at the glossary itself. The glossary names at least the terms the issue lists.

"Use" is prose: markdown outside the generated blocks (the front-door, path and map tables
are reference tables a reader looks up, not prose read in order), matched as a word, any
case. Each term's spellings are its name, or the ``uses`` course.toml gives it.
"""

import json
import re
from pathlib import Path

from helpers.course.data import course
from helpers.course.sections import BLOCK

ROOT = Path(__file__).parents[2]
START = ROOT / "notebooks" / "00-start-here.ipynb"
REQUIRED = {"payload", "signature", "secret key vs API key", "verdict", "vector", "pitfall",
            "doctor", "recvWindow", "timestamp", "percent-encoding", "query string", "body",
            "HMAC", "local exchange", "Spot Testnet", "-1022"}  # fmt: skip
JARGON = re.compile(r"^> \*\*Jargon:\*\*.*(?:\n>.*)*", re.M)
GLOSSARY = "<!-- kit:glossary -->"


def spellings(term: dict) -> list[str]:
    return term.get("uses", [term["name"]])


def used(spelling: str, text: str) -> bool:
    pattern = rf"(?<![\w.-]){re.escape(spelling)}(?:s|es|ed|ing)?(?!\w)"
    return re.search(pattern, text, re.IGNORECASE) is not None


def undefined_before_use(cells: list[str], terms: list[dict]) -> list[str]:
    """The terms first used in ``cells`` (markdown sources, in order) before any jargon box
    or the glossary defines them: ``"name (cell N)"``."""
    problems = []
    for term in terms:
        first_use = defined = None
        for index, source in enumerate(cells):
            boxes = " ".join(JARGON.findall(source))
            boxed = any(used(s, boxes) for s in spellings(term))
            if defined is None and (GLOSSARY in source or boxed):
                defined = index
            prose = BLOCK.sub(" ", JARGON.sub(" ", source))
            if first_use is None and any(used(s, prose) for s in spellings(term)):
                first_use = index
        if first_use is not None and (defined is None or defined > first_use):
            problems.append(f"{term['name']} (cell {first_use})")
    return problems


def markdown_cells(path: Path) -> list[str]:
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    return ["".join(c["source"]) for c in cells if c["cell_type"] == "markdown"]


def test_the_glossary_lists_the_terms_the_issue_names():
    assert REQUIRED <= {term["name"] for term in course()["term"]}


def test_notebook_00_has_the_glossary_block_under_its_heading():
    glossary = [s for s in markdown_cells(START) if s.startswith("## Glossary\n")]
    assert len(glossary) == 1 and GLOSSARY in glossary[0]


def test_every_term_is_defined_at_or_before_its_first_use_in_00():
    assert undefined_before_use(markdown_cells(START), course()["term"]) == []


def test_a_term_used_before_its_box_is_caught():
    terms = [{"name": "payload", "means": "the text signed"}]
    late = ["# Intro\nThe payload is signed.", "> **Jargon:** the *payload* is the text."]
    early = ["> **Jargon:** the *payload* is the text.\n\nThe payload is signed."]
    glossary_first = [f"## Glossary\n{GLOSSARY}\n<!-- /kit:glossary -->", "the payloads"]
    assert undefined_before_use(late, terms) == ["payload (cell 0)"]
    assert undefined_before_use(early, terms) == []
    assert undefined_before_use(glossary_first, terms) == []


def test_a_generated_table_is_not_a_use_but_a_word_inside_a_name_is_not_either():
    terms = [{"name": "body", "means": "what a POST sends"}]
    cells = ["<!-- kit:map -->\n| body |\n<!-- /kit:map -->", "`BodyLength` and nobody", "a body"]
    assert undefined_before_use(cells, terms) == ["body (cell 2)"]
