"""What runs in the browser edition is measured, not typed: ``lite/browser_record.json``.

The slow test opens every notebook of the built site (``make lite``, served offline as
``test_lite.py`` does) in one page, one after another, presses Run All and classifies it:

- "runs fully": every cell ran, no traceback, no cell left empty whose desktop output is
  stored, a cell that only prints prints what the desktop stored (those outputs are
  reproducible: nbval compares them), no install command or ``make lab`` in any output;
- "runs with N desktop-only cells": the same, except N cells printed the browser
  edition's one-line note (``helpers.browser_edition``) instead of their output;
- "opens read-only": anything else (the reasons are recorded); the site's copy then
  opens with a note saying the desktop kit runs it, and keeps the desktop's outputs.

With ``KIT_WRITE_RECORD=1`` it writes the record (and the generated list in
``docs/browser-edition.md``); otherwise the fresh measurement must equal the record.
``KIT_RECORD_ONLY=06,11`` measures (and writes or compares) only those notebooks.
``lite/build.py`` reads the record for its list of what runs and each notebook's banner.
It prints each notebook's time and the total. The fast tests hold the docs' list, the
banners and the site's copies (no install command, no ``make lab``) to the record.
"""

import json
import os
import re
import time

import lite_record
import lite_site
import pytest
from lite_build import load_build
from test_lite import ERRORS, START_MS, offline_page, run_notebook, stale_outputs  # noqa: F401
from test_lite_keys import ROOT, site  # noqa: F401  (fixtures)

RUN_MS = 150_000  # Run All, per notebook, after the first output
INSTALL = re.compile(r"pip install|apt-get install|brew install|make lab")
CELLS_JS = """() => [...document.querySelectorAll(
  '.jp-NotebookPanel:not(.lm-mod-hidden) .jp-Cell')].map(c => [
    c.classList.contains('jp-CodeCell'),
    [...c.querySelectorAll('.jp-OutputArea')].map(o => o.innerText).join('\\n')])"""


def stored_text(cell: dict) -> str:
    """A code cell's stored (desktop) output as text."""
    parts = []
    for output in cell.get("outputs", []):
        text = output.get("text") or output.get("data", {}).get("text/plain", "")
        parts.append("".join(text))
    return "".join(parts).strip()


def stored_stream(cell: dict) -> list[str] | None:
    """What a cell printed on the desktop, whitespace collapsed, when it only printed (no
    rich output, no widget, no deliberate error): the page must print the same. The
    desktop's outputs are reproducible (nbval compares them strictly), so a difference is
    the browser's."""
    tags = cell["metadata"].get("tags", [])
    outputs = cell.get("outputs", [])
    if not outputs or "raises-exception" in tags or "nbval-ignore-output" in tags:
        return None
    if any(o["output_type"] != "stream" for o in outputs):
        return None
    return " ".join("".join(o["text"]) for o in outputs).split()


def classify(cells: list[dict], seen: list[list], finished: bool) -> dict:
    """The verdict for one notebook from its site cells and what the page shows per cell."""
    notes, problems = [], []
    if not finished:
        problems.append("Run All did not finish")
    if len(seen) != len(cells):
        problems.append(f"{len(seen)} cells in the page, {len(cells)} in the notebook")
        seen = [[c["cell_type"] == "code", ""] for c in cells]
    for cell, (_, text) in zip(cells, seen, strict=True):
        if cell["cell_type"] != "code":
            continue
        cid = cell.get("id", "?")
        tags = cell["metadata"].get("tags", [])
        # A deliberate error, or an error's name the desktop prints too ("ValueError: ...").
        desktop_error = "raises-exception" in tags or ERRORS.search(stored_text(cell))
        if "[browser edition]" in text:
            notes.append(cid)
            if stored_text(cell) and "below, the output the desktop kit stored" not in text:
                problems.append(f"{cid}: a note without the desktop's stored output")
        elif ERRORS.search(text) and not desktop_error:
            problems.append(f"{cid}: traceback")
        elif not text.strip() and stored_text(cell) and finished:
            problems.append(f"{cid}: empty, the desktop's output is stored")
        elif finished and stored_stream(cell) not in (None, text.split()):
            problems.append(f"{cid}: prints other than the desktop")
        if INSTALL.search(text):
            problems.append(f"{cid}: an install command or `make lab` in its output")
    if problems:
        return {"verdict": "opens read-only", "why": problems}
    if notes:
        cells_ = "cell" if len(notes) == 1 else "cells"
        return {"verdict": f"runs with {len(notes)} desktop-only {cells_}",
                "desktop_only_cells": notes}  # fmt: skip
    return {"verdict": "runs fully"}


def measure(page, base_url: str, name: str, build) -> tuple[dict, float]:
    """The notebook's verdict, and the seconds from opening it to its first output."""
    site_copy = json.loads((build.OUTPUT / "files" / "notebooks" / name).read_text())
    first = run_notebook(page, base_url, name)
    try:
        page.wait_for_function(
            "() => ![...document.querySelectorAll('.jp-InputArea-prompt')]"
            ".some(p => p.textContent.includes('*'))",
            timeout=RUN_MS,
        )
        page.get_by_text(re.compile(r"\| Idle$")).first.wait_for(timeout=RUN_MS)
        finished = stale_outputs(page) == 0  # else a cell did not run: its stored output is left
    except Exception:  # a Playwright timeout: some cell never finished
        finished = False
    return classify(site_copy["cells"], page.evaluate(CELLS_JS), finished), first


@pytest.mark.slow
@pytest.mark.record  # every notebook in one page takes minutes: `make lite-record`
def test_what_runs_in_the_browser_is_the_record(site, offline_page):  # noqa: F811
    build = load_build()
    offline_page.on("dialog", lambda dialog: dialog.accept())  # "leave the page?" on goto
    fresh, started = {}, time.monotonic()
    only = os.environ.get("KIT_RECORD_ONLY", "").split(",")  # e.g. 06,11: re-measure these
    for source in sorted((ROOT / "notebooks").glob("[0-9]*.ipynb")):
        if only != [""] and source.name[:2] not in only:
            continue
        begun = time.monotonic()
        entry, first = measure(offline_page, site, source.name, build)
        fresh[source.name] = entry
        took = f"first output {first:.0f} s, all {time.monotonic() - begun:.0f} s"
        print(f"\n{source.name}: {entry['verdict']} ({took})",
              *entry.get("why", []), sep="\n  ")  # fmt: skip
    print(f"\nall notebooks: {time.monotonic() - started:.0f} s")
    recorded = lite_record.read_record()
    if os.environ.get("KIT_WRITE_RECORD") == "1":
        lite_record.write_record(recorded | fresh)
        return
    recorded = {name: entry for name, entry in recorded.items() if name in fresh}
    assert fresh == recorded, "the browser edition changed: KIT_WRITE_RECORD=1 rewrites the record"


def test_every_notebook_has_a_record_entry():
    names = {p.name for p in (ROOT / "notebooks").glob("[0-9]*.ipynb")}
    assert set(lite_record.read_record()) == names


def test_the_docs_list_is_generated_from_the_record():
    page = (ROOT / "docs" / "browser-edition.md").read_text("utf-8")
    assert lite_record.docs_section() in page


def test_each_read_only_notebook_says_why_and_no_other_does():
    record = lite_record.read_record()
    closed = {n[:2] for n, r in record.items() if r["verdict"] == lite_record.READ_ONLY}
    assert set(lite_record.NEEDS) == closed


def test_the_list_of_what_runs_and_the_banners_follow_the_record():
    record = lite_record.read_record()
    runs = tuple(n[:2] for n, r in sorted(record.items()) if r["verdict"] != "opens read-only")
    assert lite_record.RUNS_IN_BROWSER == runs
    for source in sorted((ROOT / "notebooks").glob("[0-9]*.ipynb")):
        verdict = record[source.name]["verdict"]
        first = lite_site.site_notebook(source)["cells"][0]
        banner = "".join(first["source"]) if first.get("id") == lite_site.BANNER_ID else ""
        if verdict == "runs fully":
            assert banner == "", source.name
        elif verdict == "opens read-only":
            assert "opens with the outputs the desktop kit stored" in banner, source.name
        else:
            count = len(record[source.name]["desktop_only_cells"])
            assert f"{count} cell" in banner and "one line" in banner, source.name


def test_the_sites_copies_show_no_install_command_or_desktop_address():
    """Stored outputs, banners and prose: nothing a browser reader cannot do, no `make lab`
    or 127.0.0.1 in what they read (each notebook's desktop text has its browser text)."""
    found, swapped = [], 0
    for source in sorted((ROOT / "notebooks").glob("[0-9]*.ipynb")):
        desktop = json.loads(source.read_text("utf-8"))["cells"]
        swapped += sum("<!-- desktop -->" in "".join(c["source"]) for c in desktop)
        for cell in lite_site.site_notebook(source)["cells"]:
            shown = stored_text(cell) if cell["cell_type"] == "code" else "".join(cell["source"])
            if INSTALL.search(shown) or "127.0.0.1" in shown and cell["cell_type"] == "markdown":
                found.append(f"{source.name} {cell.get('id')}")
            elif "127.0.0.1:" in shown:
                found.append(f"{source.name} {cell.get('id')}: an address with its port")
    assert found == []
    assert swapped >= 8


def test_a_desktop_text_without_its_browser_text_is_an_error():
    text = "No network: <!-- desktop -->127.0.0.1<!-- browser: this page -->. `make lab`"
    assert lite_site.browser_text(text) == "No network: this page. `make lab`"
    with pytest.raises(ValueError, match="03 cell 2: a <!-- desktop --> text needs"):
        lite_site.browser_text("On <!-- desktop -->127.0.0.1", "03 cell 2")
    with pytest.raises(ValueError, match="raw HTML"):
        lite_site.browser_text("Goes to\n<!-- desktop -->`127.0.0.1`<!-- browser: here -->")


def test_the_sites_copies_open_unmodified_in_the_pyodide_kernel():
    """The kernel's language_info is written in (else the notebook opens "modified"), and
    multi-line output data is one string (the table of contents lexes it as Markdown)."""
    for source in sorted((ROOT / "notebooks").glob("[0-9]*.ipynb")):
        notebook = lite_site.site_notebook(source)
        assert notebook["metadata"]["language_info"] == lite_site.SITE_LANGUAGE_INFO
        for cell in notebook["cells"]:
            for output in cell.get("outputs", []):
                assert all(isinstance(v, str | dict) for v in output.get("data", {}).values())


def test_the_rewrite_of_an_install_line_is_real():
    lines = ["ok\n", "`node` is missing: apt-get install nodejs (Debian).\n"]
    output = {"output_type": "stream", "name": "stdout", "text": lines}
    cell = {"cell_type": "code", "id": "x", "metadata": {}, "source": "", "outputs": [output]}
    lite_site.browser_outputs(cell)
    text = stored_text(cell)
    assert text.startswith("ok\n") and not INSTALL.search(text)
    assert "desktop kit" in text


def test_the_verdicts_are_what_the_page_shows():
    def cell(cid, printed="", tags=()):
        outputs = [{"output_type": "stream", "name": "stdout", "text": printed}] if printed else []
        return {"cell_type": "code", "id": cid, "metadata": {"tags": list(tags)},
                "outputs": outputs}  # fmt: skip

    cells = [{"cell_type": "markdown", "id": "m", "metadata": {}}, cell("a", "x = 1\n"), cell("b")]
    same = [[False, ""], [True, "x  =  1"], [True, ""]]
    assert classify(cells, same, True) == {"verdict": "runs fully"}
    shown = "[browser edition] this cell needs a socket; below, the output the desktop kit stored"
    note = [[False, ""], [True, shown + " when it ran it:\nx = 1"], [True, ""]]
    assert classify(cells, note, True)["desktop_only_cells"] == ["a"]
    assert classify(cells, note, True)["verdict"] == "runs with 1 desktop-only cell"
    bare = [[False, ""], [True, "[browser edition] this cell needs a socket"], [True, ""]]
    assert classify(cells, bare, True)["why"] == ["a: a note without the desktop's stored output"]
    printed = [cell("e", "ValueError: bad key\n")]
    assert classify(printed, [[True, "ValueError: bad key"]], True) == {"verdict": "runs fully"}
    for shown, why in (("", "a: empty"), ("x = 2", "a: prints other"),
                       ("Traceback (most recent call last)", "a: traceback"),
                       ("x = 1 (apt-get install x)", "a: prints other")):  # fmt: skip
        verdict = classify(cells, [[False, ""], [True, shown], [True, ""]], True)
        assert verdict["verdict"] == "opens read-only" and verdict["why"][0].startswith(why)
    assert classify(cells, same, False)["why"] == ["Run All did not finish"]
