"""The way in (issue 24, items 1–2): the front door by error code in README.md and notebook
00, the 30-minute path, the map with a generated time per notebook, and every link to a
notebook heading, checked the way JupyterLab 4 resolves it.

JupyterLab 4.6 gives a rendered heading the id ``textContent.replace(/ /g, '-')``
(``@jupyterlab/rendermime``, ``headerAnchors`` / ``createHeaderId``); a link reaches it only
if its fragment is that id and the browser leaves it unencoded (ASCII, no space, ``"<>`=``).
The expected ids below are written by hand from that rule, not computed by the kit.
"""

import json
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from helpers.course.anchors import heading_id, heading_text, linkable
from helpers.course.blocks import fill, stale_blocks
from helpers.course.data import course, notebook_files
from helpers.course.render import message, path_minutes
from helpers.course.sections import Effort, effort, headings, load, section
from helpers.course.timing import minutes, rounded

ROOT = Path(__file__).parents[2]
NOTEBOOKS = ROOT / "notebooks"
README = ROOT / "README.md"
START = NOTEBOOKS / "00-start-here.ipynb"
PAGES = [README, *sorted(NOTEBOOKS.glob("[0-9][0-9]-*.ipynb"))]
LINK = re.compile(r"\]\(((?:notebooks/)?\d\d-[\w-]+\.ipynb)(?:#([^)\s]*))?\)")
REQUIRED_ROWS = ["-1022", "-1021", "-1100", "-1101", "-1102", "-2014", "-2015", "410"]


def markdown(page: Path) -> str:
    if page.suffix != ".ipynb":
        return page.read_text(encoding="utf-8")
    cells = load(page)["cells"]
    return "\n\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")


def block(text: str, name: str) -> str:
    found = re.search(rf"<!-- kit:{name} -->\n(.*?)<!-- /kit:{name} -->", text, re.S)
    assert found, f"no <!-- kit:{name} --> block"
    return found.group(1)


# -- anchors ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "heading, expected",
    [
        ("6. The `X-MBX-APIKEY` header", "6.-The-X-MBX-APIKEY-header"),
        ("-2015: three causes, one message", "-2015:-three-causes,-one-message"),
        ("Why `-1022` happens", "Why--1022-happens"),
        ("1. The seed article: `&timestamp` eaten by HTML",
         "1.-The-seed-article:-&timestamp-eaten-by-HTML"),
        ("A **bold** and *soft* [link](x.md) &amp; `a  b`", "A-bold-and-soft-link-&-a--b"),
        ("2. Ordered parameters → query string", "2.-Ordered-parameters-→-query-string"),
        ("&times &times; \\*x\\*", "&times-×-*x*"),  # only `&name;` is an entity
    ],
)  # fmt: skip
def test_a_heading_id_is_what_jupyterlab_makes(heading, expected):
    assert heading_id(heading) == expected


def test_a_link_cannot_reach_a_non_ascii_or_equals_id():
    assert linkable("6.-The-X-MBX-APIKEY-header")
    assert not linkable("2.-Ordered-parameters-→-query-string")  # the browser encodes →
    assert not linkable("signature=hex")  # JupyterLab reads #kind=value
    assert not linkable("list-[a]")  # marked's encodeURI writes %5B
    assert not linkable("")


def _links():
    for page in PAGES:
        base = page.parent
        for target, anchor in LINK.findall(markdown(page)):
            yield pytest.param(page, base / target, anchor, id=f"{page.name}->{target}#{anchor}")


@pytest.mark.parametrize("page, target, anchor", list(_links()))
def test_every_link_to_a_notebook_reaches_its_file_and_heading(page, target, anchor):
    assert target.is_file(), f"{page.name} links to a missing {target.name}"
    if anchor:
        assert linkable(anchor), f"{page.name}: #{anchor} is changed by the browser"
        assert anchor in headings(load(target)).values(), f"{target.name} has no #{anchor}"


def test_the_link_check_finds_a_broken_anchor():
    planted = "[x](03-send-signed-requests.ipynb#6.-The-X-MBX-APIKEY-headers)"
    (target, anchor), = LINK.findall(planted)  # fmt: skip
    assert anchor not in headings(load(NOTEBOOKS / target)).values()


# -- the front door -----------------------------------------------------------------------


@pytest.mark.parametrize("page", [README, START], ids=lambda p: p.name)
def test_the_front_door_has_each_required_code_on_its_own_row(page):
    rows = [line for line in block(markdown(page), "front-door").splitlines()
            if line.startswith("|")]  # fmt: skip
    for code in REQUIRED_ROWS:
        mine = [row for row in rows if re.search(rf"(?<![\d-]){code}(?!\d)", row.split("|")[1])]
        assert mine, f"{page.name}: no front-door row for {code}"
    prefix = "notebooks/" if page == README else ""
    assert all(f"]({prefix}" in row for row in rows[2:]), "every row links to a notebook"


def test_both_documented_messages_of_1021_have_a_row():
    rows = [message(row["message"]) for row in course()["front_door"] if "-1021" in row["answer"]]
    assert sorted(rows) == [
        "Timestamp for this request is outside of the recvWindow.",
        "Timestamp for this request was 1000ms ahead of the server's time.",
    ]


def test_each_front_door_code_cites_its_own_errors_md_heading():
    cited = json.loads((ROOT / "helpers" / "data" / "citations.json").read_text("utf-8"))
    known = {entry["id"]: entry for entry in cited}
    products = tomllib.loads((ROOT / "helpers" / "data" / "products.toml").read_text("utf-8"))
    elsewhere = {f"{p['wrong_place_code']}" for p in products["product"].values()}
    for row in course()["front_door"]:
        code = re.search(r"-\d{4}", row["answer"])
        if not code or (code.group(0) in elsewhere and not row["cited"]):
            # an HTTP status, or another product's code (helpers/data/products.toml cites
            # it): what users report, never labelled documented
            assert row["certainty"] == "observed" and row["cited"] in ("", *known)
            continue
        entry = known[row["cited"]]
        assert entry["file"] == "errors.md"
        assert entry["heading"].split(" → ")[-1].startswith(code.group(0) + " ")


# -- times and the path -------------------------------------------------------------------


def test_a_time_is_words_at_the_pace_plus_cells_and_exercises_rounded():
    # 360 words at 180/min = 2 min, 4 code cells at 0.5 = 2 min, 1 exercise = 5 min: 9 → 10
    assert minutes(Effort(words=360, code_cells=4, exercises=1)) == pytest.approx(9.0)
    assert rounded(9.0) == 10 and rounded(7.4) == 5 and rounded(0.2) == 5


def test_a_section_ends_at_the_next_heading_of_its_level():
    nb = {"cells": [
        {"cell_type": "markdown", "source": "## A\none two\n### A.1\nthree\n## B\nfour five six"},
        {"cell_type": "code", "source": "x", "metadata": {"tags": ["exercise"]}},
    ]}  # fmt: skip
    assert effort(section(nb, "A")) == Effort(words=7, code_cells=0, exercises=0)
    assert effort(section(nb, "B")) == Effort(words=5, code_cells=1, exercises=1)


def test_the_30_minute_path_takes_at_most_30_minutes_and_ends_in_an_accepted_request():
    assert path_minutes(NOTEBOOKS) <= 30
    steps = course()["thirty_minutes"]["step"]
    assert any(step["heading"] == "Your first accepted request" for step in steps)


@pytest.mark.parametrize("page", [README, START], ids=lambda p: p.name)
def test_the_30_minute_path_is_under_a_heading_that_says_so(page):
    text = markdown(page)
    heading = [line for line in text.splitlines() if line.startswith("#") and "30-minute" in line]
    assert heading and block(text, "thirty-minutes").strip()


def test_the_map_lists_every_notebook_in_the_folder():
    assert notebook_files() == [p.name for p in sorted(NOTEBOOKS.glob("[0-9][0-9]-*.ipynb"))]


def test_the_09_row_names_the_article_by_title_and_date():
    row = next(r for r in course()["notebook"] if r["file"].startswith("09-"))
    assert "Understanding Binance API Key Authentication - HMAC SHA256" in row["does"]
    assert "2026-06-25" in row["does"]


# -- the generated blocks -----------------------------------------------------------------


def test_fill_replaces_only_between_markers():
    text = "keep\n<!-- kit:map -->\nold\n<!-- /kit:map -->\nkeep too"
    assert fill(text, lambda name: f"new {name}") == (
        "keep\n<!-- kit:map -->\nnew map\n<!-- /kit:map -->\nkeep too"
    )


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_no_generated_block_is_stale(page):
    assert stale_blocks(ROOT, [str(page.relative_to(ROOT))]) == [], (
        "run: python -m helpers.course --write"
    )


def test_the_command_line_check_exits_0_on_a_fresh_page():
    done = subprocess.run(
        [sys.executable, "-m", "helpers.course", "--check", "notebooks/00-start-here.ipynb"],
        cwd=ROOT, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.parametrize("page", PAGES[1:], ids=lambda p: p.name)
def test_every_notebook_opens_with_its_time(page):
    first = next(c for c in load(page)["cells"] if c["cell_type"] == "markdown")
    assert block("".join(first["source"]), "time").startswith("**Time:** about ")


def test_the_makefile_runs_the_generator_before_the_notebooks():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^course: .*\n\t\$\(BIN\)/python -m helpers\.course --write$", makefile, re.M)
    assert re.search(r"^notebooks: .*\bcourse\b", makefile, re.M)


def test_heading_text_drops_markup_but_keeps_code():
    assert heading_text("## `session.logon`: sign **once**") == "session.logon: sign once"
