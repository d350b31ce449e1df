"""The README and docs/ hold what they say: every ```python block runs as pasted (from a
folder outside the kit), every relative link leads somewhere, and nothing copied can drift.

A learner's first hour starts with the README. Its first ```python block is a complete first
accepted request (the docs' example keys, a local exchange with a pinned clock,
``sign_request``, ``send``, the verdict printed) and the ```text block after it is what it
prints. The reference material lives in docs/, one page per topic, linked from the README;
its blocks are tested the same way. A block meant to read standard input is fed a sample:
an example signer (it reads ``json.load(sys.stdin)``) gets the conformance suite's first
HMAC case as the suite sends it, anything else the docs' payload.

The README's front door, 30-minute path and map are generated (``helpers.course``) between
marker pairs; this test checks that the pairs are where the generator looks for them, and
the door helper's test checks the notebook anchors the generated links point to.
"""

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from helpers.conformance.corpus import cases
from helpers.conformance.signer import signer_input
from helpers.examples import vector
from helpers.mistakes.mistake import CERTAINTY

ROOT = Path(__file__).parents[2]
README = (ROOT / "README.md").read_text(encoding="utf-8")
DOCS = sorted((ROOT / "docs").glob("*.md"))
PAGES = [ROOT / "README.md", *DOCS]
MAX_README_LINES = 125
SAMPLE_STDIN = vector("rest-hmac-ascii")["payload"] + "\n"
SAMPLE_CASE = json.dumps(signer_input(cases(api="rest", key_type="HMAC")[0])) + "\n"
# Where the generator (python -m helpers.course --write) writes each generated part.
GENERATED = {
    "front-door": "## Binance answered an error? Start here",
    "thirty-minutes": "## The 30-minute path",
    "map": "## The notebooks",
}


def text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def blocks(source: str, language: str) -> list[str]:
    return re.findall(rf"^```{language}\n(.*?)^```$", source, flags=re.S | re.M)


def name(path: Path) -> str:
    return str(path.relative_to(ROOT))


PYTHON = [(name(p), i, code) for p in PAGES for i, code in enumerate(blocks(text(p), "python"))]
SHELL = [(name(p), code) for p in PAGES for kind in ("sh", "powershell")
         for code in blocks(text(p), kind)]  # fmt: skip


def run(code: str, cwd: Path) -> subprocess.CompletedProcess:
    stdin = SAMPLE_CASE if "json.load(sys.stdin)" in code else SAMPLE_STDIN
    return subprocess.run(
        [sys.executable, "-c", code], input=stdin, capture_output=True, text=True,
        cwd=cwd, timeout=60,
    )  # fmt: skip


# --- the code blocks -------------------------------------------------------------------


def test_the_readme_and_docs_have_python_examples():
    assert blocks(README, "python")
    assert len(PYTHON) >= 3


@pytest.mark.parametrize("where, index, code", PYTHON, ids=[f"{w}-{i}" for w, i, _ in PYTHON])
def test_every_python_block_runs_as_pasted(where, index, code, tmp_path):
    done = run(code, tmp_path)
    assert done.returncode == 0, f"{where} ```python block {index + 1} failed:\n{done.stderr}"


def test_the_first_block_is_a_first_accepted_request_and_prints_what_the_readme_says(tmp_path):
    first = blocks(README, "python")[0]
    for call in ("helpers.examples", "LocalExchange(clock=", "sign_request(", "send(", "print("):
        assert call in first
    shown = re.search(r"^```python\n.*?^```$\n.*?^```text\n(.*?)^```$", README, re.S | re.M)
    printed = run(first, tmp_path).stdout
    assert printed == shown.group(1)
    # Binance's docs' signature for their example order, and HTTP 200 accepted.
    assert printed.splitlines() == [vector("rest-hmac-ascii")["signature"], "200 True"]


def shown_outputs(source: str) -> list[tuple[str, str]]:
    """(code, output) for every ```python block whose next fenced block is a ```text block:
    what the page says the code prints."""
    fences = re.findall(r"^```(\w*)\n(.*?)^```$", source, flags=re.S | re.M)
    return [(code, out) for (lang, code), (next_lang, out) in zip(fences, fences[1:], strict=False)
            if lang == "python" and next_lang == "text"]  # fmt: skip


SHOWN = [(name(p), code, out) for p in PAGES for code, out in shown_outputs(text(p))]


def test_pages_show_what_blocks_print():
    assert [where for where, _, _ in SHOWN].count("README.md") == 1
    assert len(SHOWN) >= 2


@pytest.mark.parametrize("where, code, output", SHOWN, ids=[w for w, _, _ in SHOWN])
def test_a_block_prints_the_text_block_after_it(where, code, output, tmp_path):
    assert run(code, tmp_path).stdout == output


def test_the_python_signer_shown_in_docs_is_the_file_in_signers():
    """docs/conformance.md shows signers/sign.py in full; the copy is the file, byte for byte
    (the signer itself is tested by tests/conformance/test_signers.py)."""
    shown = blocks(text(ROOT / "docs" / "conformance.md"), "python")
    assert text(ROOT / "signers" / "sign.py") in shown


def make_targets() -> set[str]:
    makefile = text(ROOT / "Makefile")
    return set(re.findall(r"^([a-z][\w-]*):", makefile, flags=re.M))


def test_make_targets_and_files_named_in_shell_blocks_exist():
    """Every `make TARGET` of a ```sh / ```powershell block is a Makefile target, and every
    notebook or requirements file it names is in the repository."""
    targets = make_targets()
    assert {"lab", "test"} <= targets
    named = [(where, t) for where, code in SHELL for t in re.findall(r"\bmake ([a-z][\w-]*)", code)]
    assert ("README.md", "lab") in named and ("README.md", "test") in named
    assert [(where, t) for where, t in named if t not in targets] == []
    files = [(where, f) for where, code in SHELL
             for f in re.findall(r"[\w./\\-]+\.ipynb|requirements[\w-]*\.txt", code)]  # fmt: skip
    assert files
    assert [(w, f) for w, f in files if not (ROOT / f.replace("\\", "/")).exists()] == []


# --- links -----------------------------------------------------------------------------


def prose(source: str) -> str:
    """The text outside fenced code blocks."""
    return re.sub(r"^```.*?^```$", "", source, flags=re.S | re.M)


def links(source: str) -> list[str]:
    return re.findall(r"\[[^\]\n]*\]\(([^)\s]+)\)", prose(source))


def slug(heading: str) -> str:
    """GitHub's anchor for a Markdown heading: lower case, punctuation dropped, spaces → -."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def anchors(path: Path) -> set[str]:
    return {slug(h) for h in re.findall(r"^#{1,6} (.+)$", prose(text(path)), flags=re.M)}


def link_problems(page: Path) -> list[str]:
    """The relative links of ``page`` that lead to no file, or, inside a .md file, to no
    heading of it."""
    problems = []
    for target in links(text(page)):
        if re.match(r"[a-z]+:", target):
            continue  # https:, mailto:
        file, _, anchor = target.partition("#")
        path = (page.parent / file).resolve() if file else page
        if not path.exists():
            problems.append(target)
        elif anchor and path.suffix == ".md" and anchor not in anchors(path):
            problems.append(target)
    return problems


def test_the_link_checker_can_fail(tmp_path):
    page = tmp_path / "page.md"
    (tmp_path / "there.md").write_text("# A heading, here\n", encoding="utf-8")
    page.write_text(
        "[ok](there.md) [ok](there.md#a-heading-here) [web](https://example.com)\n"
        "[gone](missing.md) [no heading](there.md#elsewhere)\n```sh\n[x](in-code.md)\n```\n",
        encoding="utf-8",
    )
    assert link_problems(page) == ["missing.md", "there.md#elsewhere"]


@pytest.mark.parametrize("page", PAGES, ids=name)
def test_every_relative_link_leads_to_a_file(page):
    assert links(text(page))
    assert link_problems(page) == []


def test_the_readme_links_every_page_of_docs():
    assert DOCS
    linked = {(ROOT / target.partition("#")[0]).resolve() for target in links(README)}
    assert [name(p) for p in DOCS if p.resolve() not in linked] == []


# --- the README's shape ------------------------------------------------------------------


def test_the_readme_is_short():
    assert len(README.splitlines()) <= MAX_README_LINES


@pytest.mark.parametrize("marker", GENERATED)
def test_the_generated_parts_have_their_heading_and_marker_pair(marker):
    """The heading, then (before the next heading) the opening and the closing marker, each
    on a line of its own: what the generator rewrites."""
    lines = README.splitlines()
    start = lines.index(GENERATED[marker])
    end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("## ")), None)
    section = lines[start:end]
    opening, closing = f"<!-- kit:{marker} -->", f"<!-- /kit:{marker} -->"
    assert opening in section and closing in section
    assert section.index(opening) < section.index(closing)


def test_the_front_door_comes_before_the_first_code_block():
    assert README.index(GENERATED["front-door"]) < README.index("```")


# --- facts the docs pages state, held to their source --------------------------------------


def test_the_certainty_labels_listed_are_the_registrys():
    """docs/local-exchange-model.md lists each certainty label in bold at the start of a
    list item; the labels are the keys of helpers.mistakes.mistake.CERTAINTY."""
    page = text(ROOT / "docs" / "local-exchange-model.md")
    listed = re.findall(r"^- \*\*([^*]+)\*\*:", page, flags=re.M)
    assert sorted(listed) == sorted(CERTAINTY)


def test_the_notebooks_said_to_run_in_the_browser_are_the_builds():
    """docs/browser-edition.md names the notebooks that run in the browser edition: the
    record's RUNS_IN_BROWSER (lite/lite_record.py, which needs only the standard library)."""
    import lite_record
    page = " ".join(text(ROOT / "docs" / "browser-edition.md").split())
    stated = re.search(r"Notebooks ((?:\d\d, )*\d\d and \d\d) run", page)
    assert stated, "docs/browser-edition.md: 'Notebooks 00, 01, … and NN run' not found"
    assert re.findall(r"\d\d", stated.group(1)) == list(lite_record.RUNS_IN_BROWSER)
