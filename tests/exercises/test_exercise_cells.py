"""Every exercise of every notebook, run the two ways that matter: with its solution file it
passes; with the answer a learner could copy from the worked example above it, it fails and
says which input differed (the learner's output beside the expected one).

The conventions these tests hold (COURSE.md, "An exercise"):

- the code cell the learner edits is tagged ``exercise``; its first line is
  ``# %load solutions/<notebook>-<name>.py`` (uncommented, it loads the solution file into
  the cell) and it holds the stub (``def name(...): ...`` where a function is asked for);
- the next code cell is the self-check: it imports its checker and passes the learner's
  names; it needs nothing else from the notebook;
- the markdown just above the exercise gives hints in tiers (two ``<details>`` or more),
  never the solution;
- ``tests/exercises/copied/*.py`` hold, per solution file, the answer copied from above.
"""

import ast
import importlib.util
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = ROOT / "notebooks"
SOLUTIONS = NOTEBOOKS / "solutions"
LOAD_LINE = re.compile(r"^# %load (solutions/[\w.-]+\.py)$", re.M)


def tags(cell: dict) -> list[str]:
    return cell.get("metadata", {}).get("tags", [])


def exercises() -> list[tuple[str, int, str, str, str]]:
    """(notebook, cell index, solution file, the exercise cell, the check cell's source)."""
    found = []
    for path in sorted(NOTEBOOKS.glob("[0-9][0-9]-*.ipynb")):
        cells = json.loads(path.read_text("utf-8"))["cells"]
        for i, cell in enumerate(cells):
            if cell["cell_type"] != "code" or "exercise" not in tags(cell):
                continue
            source = "".join(cell["source"])
            load = LOAD_LINE.search(source)
            after = [c for c in cells[i + 1 :] if c["cell_type"] == "code"]
            check = "".join(after[0]["source"]) if after else ""
            found.append((path.name, i, load.group(1) if load else "", source, check))
    return found


EXERCISES = exercises()
IDS = [f"{nb}:{i}" for nb, i, *_ in EXERCISES]


def copied_answers() -> dict[str, str]:
    answers = {}
    for path in sorted((Path(__file__).parent / "copied").glob("*.py")):
        spec = importlib.util.spec_from_file_location(f"copied_{path.stem}", path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        answers.update(module.COPIED)
    return answers


def run_check(check: str, *answer_sources: str) -> object:
    """Run every solution file, then ``answer_sources``, then the check cell; return the
    value of its last expression (the feedback a notebook shows)."""
    namespace: dict = {"__name__": "__main__"}
    for path in sorted(SOLUTIONS.glob("*.py")):
        exec(compile(path.read_text("utf-8"), str(path), "exec"), namespace)
    for source in answer_sources:
        exec(compile(source, "<answer>", "exec"), namespace)
    tree = ast.parse(check)
    last = tree.body.pop()
    assert isinstance(last, ast.Expr), "the check cell must end with the check's call"
    exec(compile(tree, "<check>", "exec"), namespace)
    return eval(compile(ast.Expression(last.value), "<check>", "eval"), namespace)


def test_there_are_exercises_and_every_solution_file_is_loaded_by_one():
    assert EXERCISES, "no cell is tagged exercise"
    loaded = {solution for _, _, solution, _, _ in EXERCISES}
    files = {f"solutions/{p.name}" for p in SOLUTIONS.glob("*.py")}
    assert files - loaded == set(), "solution files no exercise cell loads"


@pytest.mark.parametrize(("nb", "i", "solution", "cell", "check"), EXERCISES, ids=IDS)
def test_the_exercise_cell_loads_its_solution_and_holds_a_stub(nb, i, solution, cell, check):
    assert solution, f"{nb} cell {i}: no '# %load solutions/....py' line"
    assert (NOTEBOOKS / solution).is_file(), f"{solution} does not exist"
    assert solution.startswith(f"solutions/{nb[:2]}-"), "name it solutions/<notebook>-<name>.py"
    assert "..." in cell, "the stub holds ... where the learner writes"


@pytest.mark.parametrize(("nb", "i", "solution", "cell", "check"), EXERCISES, ids=IDS)
def test_hints_come_in_tiers_and_never_give_the_solution(nb, i, solution, cell, check):
    cells = json.loads((NOTEBOOKS / nb).read_text("utf-8"))["cells"]
    above = []
    for previous in reversed(cells[:i]):
        if previous["cell_type"] != "markdown":
            break
        above.append("".join(previous["source"]))
    assert "".join(above).count("<details>") >= 2, f"{nb} cell {i}: two tiers of hints"
    prose = "".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")
    for line in (NOTEBOOKS / solution).read_text("utf-8").splitlines():
        if len(line.strip()) >= 24 and not line.strip().startswith(("#", '"""', "import")):
            assert line.strip() not in prose, f"the notebook's prose gives away {line.strip()!r}"


@pytest.mark.parametrize(("nb", "i", "solution", "cell", "check"), EXERCISES, ids=IDS)
def test_the_solution_passes_its_check(nb, i, solution, cell, check):
    feedback = run_check(check, (NOTEBOOKS / solution).read_text("utf-8"))
    assert feedback.status == "correct", repr(feedback)


@pytest.mark.parametrize(("nb", "i", "solution", "cell", "check"), EXERCISES, ids=IDS)
def test_the_answer_copied_from_above_fails_and_shows_which_input_differed(
    nb, i, solution, cell, check
):
    copied = copied_answers()
    assert solution in copied, f"tests/exercises/copied/: no copied answer for {solution}"
    feedback = run_check(check, copied[solution])
    assert feedback.status == "wrong", repr(feedback)
    assert "yours:" in feedback.message and "expected:" in feedback.message, repr(feedback)


@pytest.mark.parametrize(("nb", "i", "solution", "cell", "check"), EXERCISES, ids=IDS)
def test_the_untouched_stub_is_not_attempted(nb, i, solution, cell, check):
    stub = "\n".join(line for line in cell.splitlines() if not line.startswith("# %load"))
    assert run_check(check, stub).status == "not attempted"


def test_no_function_is_defined_in_two_solution_files():
    """The solution files are also the reference signer, run in one namespace: one name,
    one function (two ``verify`` would silently replace each other)."""
    seen: dict[str, str] = {}
    for path in sorted(SOLUTIONS.glob("*.py")):
        for node in ast.parse(path.read_text("utf-8")).body:
            if isinstance(node, ast.FunctionDef):
                assert node.name not in seen, f"{node.name}: {seen[node.name]} and {path.name}"
                seen[node.name] = path.name


def test_importing_the_package_imports_no_check():
    """``helpers.exercises`` is an index: the checks load only when a notebook asks."""
    code = "import sys, helpers.exercises; print(*sorted(m for m in sys.modules if 'helpers' in m))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["helpers", "helpers.exercises"]
