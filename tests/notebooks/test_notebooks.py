"""Every committed notebook is saved executed, error-free, without widget state, and mapped.

nbval (pytest --nbval, run by `make test`) re-executes the notebooks and compares outputs;
these checks catch what nbval does not: a notebook saved unexecuted, widget state that
stores typed secrets, and a notebook missing from the map in 00-start-here.
"""

import json
import re
from pathlib import Path

import pytest

NOTEBOOKS = sorted((Path(__file__).parents[2] / "notebooks").glob("[0-9]*.ipynb"))
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


# What a learner sees before running anything (tests/browser/test_browser.py looks in a real
# browser; these read the stored files).
MACHINE_PATH = re.compile(r"/work/|/root/|/home/|/tmp/|\.pyenv/|[A-Za-z]:\\\\Users\\\\")


def stored_outputs(nb: dict):
    for index, cell in enumerate(nb["cells"]):
        for output in cell.get("outputs", []):
            yield index, json.dumps(output, ensure_ascii=False)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_no_stored_output_shows_a_machine_path(path):
    found = [
        (index, MACHINE_PATH.search(text).group())
        for index, text in stored_outputs(load(path))
        if MACHINE_PATH.search(text)
    ]
    assert found == [], "outputs show where the author's files live (cell, path)"


def test_the_machine_path_scan_finds_a_traceback_path():
    traceback = {"output_type": "error", "traceback": ['File /work/main/helpers/params.py:12']}
    nb = {"cells": [{"cell_type": "code", "outputs": [traceback]}]}
    assert [MACHINE_PATH.search(t).group() for _, t in stored_outputs(nb)] == ["/work/"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_a_deliberate_error_shows_only_the_line_a_learner_needs(path):
    for cell in code_cells(load(path)):
        for error in (o for o in cell["outputs"] if o["output_type"] == "error"):
            assert "".join(cell["source"]).startswith("%xmode Minimal\n")
            assert len(error["traceback"]) == 1, "a whole traceback: start with %xmode Minimal"
            assert error["evalue"] in error["traceback"][0]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_no_stale_widget_view_is_stored(path):
    # A stored view names a widget model that is gone: "Error displaying widget".
    for index, text in stored_outputs(load(path)):
        assert "application/vnd.jupyter.widget-view+json" not in text, f"cell {index}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_jupyterlab_has_nothing_to_rewrite_on_open(path):
    """JupyterLab writes the kernel's ``language_info`` and the kernelspec's name, display
    name and language into the notebook when its kernel starts; any difference marks the
    notebook modified (●) before the learner has touched it."""
    from ipykernel.ipkernel import IPythonKernel
    from jupyter_client.kernelspec import KernelSpecManager

    nb = load(path)
    reported = dict(IPythonKernel.language_info)
    stored = dict(nb["metadata"]["language_info"])
    # The Python version is the one that ran `make notebooks`; it must be there.
    assert re.fullmatch(r"3\.\d+\.\d+", stored.pop("version"))
    reported.pop("version")
    assert stored == reported
    spec = KernelSpecManager().get_kernel_spec("python3")
    assert nb["metadata"]["kernelspec"] == {
        "display_name": spec.display_name, "language": spec.language, "name": "python3",
    }  # fmt: skip
    assert (nb["nbformat"], nb["nbformat_minor"]) == (4, 5)
    assert all(isinstance(cell.get("id"), str) for cell in nb["cells"])


def test_clean_notebooks_drops_widget_views_and_keeps_the_kernels_language_info():
    from clean_notebooks import clean_notebook

    info = {"name": "python", "version": "3.11.7", "mimetype": "text/x-python"}
    view = {"model_id": "d13d", "version_major": 2, "version_minor": 0}
    data = {"application/vnd.jupyter.widget-view+json": view, "text/plain": "pg"}
    output = {"output_type": "execute_result", "metadata": {}, "data": data}
    cell = {"cell_type": "code", "metadata": {"execution": {}}, "outputs": [output]}
    nb = {"metadata": {"language_info": dict(info), "widgets": {"state": {}}}, "cells": [cell]}
    clean_notebook(nb)
    assert nb["metadata"] == {"language_info": info}
    assert nb["cells"][0]["metadata"] == {}
    assert output["data"] == {"text/plain": "pg"}


def test_clean_notebooks_joins_a_stream_flushed_in_chunks():
    from clean_notebooks import clean_notebook

    chunks = [
        {"output_type": "stream", "name": "stdout", "text": ["a\n", "b"]},
        {"output_type": "stream", "name": "stdout", "text": ["c\n"]},
        {"output_type": "stream", "name": "stderr", "text": ["warning\n"]},
        {"output_type": "stream", "name": "stdout", "text": ["d\n"]},
    ]
    nb = {"metadata": {}, "cells": [{"cell_type": "code", "metadata": {}, "outputs": chunks}]}
    assert clean_notebook(nb)["cells"][0]["outputs"] == [
        {"output_type": "stream", "name": "stdout", "text": ["a\n", "bc\n"]},
        {"output_type": "stream", "name": "stderr", "text": ["warning\n"]},
        {"output_type": "stream", "name": "stdout", "text": ["d\n"]},
    ]
