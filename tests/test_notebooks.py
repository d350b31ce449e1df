"""Every committed notebook is saved executed, error-free, without widget state, and mapped.

nbval (pytest --nbval, run by `make test`) re-executes the notebooks and compares outputs;
these checks catch what nbval does not: a notebook saved unexecuted, widget state that
stores typed secrets, and a notebook missing from the map in 00-start-here.
"""

import json
import re
from pathlib import Path

import pytest

NOTEBOOKS = sorted((Path(__file__).parent.parent / "notebooks").glob("[0-9]*.ipynb"))
NAME = re.compile(r"^\d\d-[a-z0-9]+(-[a-z0-9]+)*\.ipynb$")


def load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def code_cells(nb: dict) -> list[dict]:
    return [c for c in nb["cells"] if c["cell_type"] == "code" and "".join(c["source"]).strip()]


def test_there_are_notebooks():
    assert len(NOTEBOOKS) >= 3


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_saved_executed_in_order(path):
    nb = load(path)
    counts = [c["execution_count"] for c in code_cells(nb)]
    assert None not in counts, "a code cell was never executed: run `make notebooks`"
    assert counts == list(range(1, len(counts) + 1)), "cells were not run top to bottom once"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_errors_only_where_tagged(path):
    for cell in code_cells(load(path)):
        tagged = "raises-exception" in cell.get("metadata", {}).get("tags", [])
        errors = [o for o in cell["outputs"] if o["output_type"] == "error"]
        assert bool(errors) == tagged, f"cell {''.join(cell['source'])[:60]!r}: " + (
            "tagged raises-exception but raised nothing" if tagged else "raised an error"
        )


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_no_widget_state(path):
    # Widget state stores typed values in plain text — a password box's too.
    assert "widgets" not in load(path).get("metadata", {})


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_name_and_opening(path):
    assert NAME.match(path.name), "notebooks are named NN-verb-title.ipynb"
    first = "".join(load(path)["cells"][0]["source"]).lower()
    for word in ("you'll do", "you'll learn", "you'll need"):
        assert word in first, f"the first cell says what {word.split()[1]}"


def test_every_notebook_is_on_the_map():
    start = next(p for p in NOTEBOOKS if p.name.startswith("00-"))
    text = "".join("".join(c["source"]) for c in load(start)["cells"])
    for path in NOTEBOOKS:
        assert path.stem in text, f"{path.name} is missing from the map in {start.name}"
