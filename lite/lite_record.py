"""What runs in the browser edition, as measured: ``lite/browser_record.json``.

``tests/browser/test_lite_record.py`` runs every notebook in the built site and writes the
record (``KIT_WRITE_RECORD=1``); the build reads it for each notebook's opening note, and
``docs/browser-edition.md``'s list (between its markers) is generated from it, so neither
can go stale. Standard library only.
"""

import json
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RECORD = ROOT / "lite" / "browser_record.json"
READ_ONLY = "opens read-only"
DOCS = ROOT / "docs" / "browser-edition.md"
DOCS_MARKERS = ("<!-- lite:record -->", "<!-- /lite:record -->")
# Why a notebook the record measured as read-only cannot run in the page (a test holds the
# keys to the record's read-only notebooks, so no entry outlives its measurement).
NEEDS: dict[str, str] = {}


def read_record() -> dict:
    """The measured record: notebook file name → its verdict (and cells, or reasons)."""
    return json.loads(RECORD.read_text("utf-8"))["notebooks"]


def write_record(notebooks: dict) -> None:
    """Write the record and the docs' generated list (the measuring test calls this)."""
    about = (
        "Measured by tests/browser/test_lite_record.py (KIT_WRITE_RECORD=1) in the built "
        "site; lite/build.py and docs/browser-edition.md read it. Do not edit by hand."
    )
    data = {"about": about, "notebooks": dict(sorted(notebooks.items()))}
    RECORD.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", "utf-8")
    page = DOCS.read_text("utf-8")
    start, end = page.index(DOCS_MARKERS[0]), page.index(DOCS_MARKERS[1]) + len(DOCS_MARKERS[1])
    DOCS.write_text(page[:start] + docs_section(read_record()) + page[end:], "utf-8")


def _listed(items: list[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    return ", ".join(items[:-1]) + " and " + items[-1] if len(items) > 1 else "".join(items)


def docs_section(record: dict | None = None) -> str:
    """docs/browser-edition.md's list of what runs, between its markers, from the record."""
    record = read_record() if record is None else record
    runs = [n for n, r in record.items() if r["verdict"] != READ_ONLY]
    some = [f"{len(record[n]['desktop_only_cells'])} in {n[:2]}" for n in runs
            if record[n]["verdict"] != "runs fully"]  # fmt: skip
    read_only = [n for n in record if n not in runs]
    record_link = "[`lite/browser_record.json`](../lite/browser_record.json)"
    lines = [
        f"Notebooks {_listed([n[:2] for n in runs])} run in the page (measured by running each"
        f" there: {record_link})."
    ]
    if some:
        lines.append(
            f"Cells needing the desktop say so in one line, above the output the desktop kit"
            f" stored: {_listed(some)}."
        )
    if read_only:
        closed = _listed([n[:2] for n in read_only])
        them = "Notebooks {} open" if len(read_only) > 1 else "Notebook {} opens"
        lines.append(them.format(closed) + " read-only, with the outputs the desktop kit stored.")
    return DOCS_MARKERS[0] + "\n" + "\n".join(lines) + "\n" + DOCS_MARKERS[1]


RUNS_IN_BROWSER = tuple(
    name[:2] for name, entry in sorted(read_record().items()) if entry["verdict"] != READ_ONLY
)
