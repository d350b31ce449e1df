"""Every notebook ends with a questionnaire (issue 24, item 4; the common convention): one
markdown cell whose first line is ``## Questionnaire``, among the notebook's last four
markdown cells, holding 6–10 numbered questions, each answer folded right under its
question in ``<details><summary>Answer</summary>…</details>``."""

import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[2]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))
HEADING = "## Questionnaire"
QUESTION = re.compile(r"^(\d+)\. \S", re.M)
ANSWER = re.compile(r"\A[^\n]*\n\s+<details><summary>Answer</summary>\S.*?</details>\s*\Z", re.S)


def questionnaire_problems(markdown: list[str]) -> list[str]:
    """What is wrong with the questionnaire of a notebook whose markdown cells are ``markdown``."""
    found = [i for i, source in enumerate(markdown) if source.split("\n", 1)[0].strip() == HEADING]
    if len(found) != 1:
        return [f"{len(found)} cells headed {HEADING!r}, not one"]
    index, problems = found[0], []
    if index < len(markdown) - 4:
        problems.append("not among the last four markdown cells")
    text = markdown[index].split("\n", 1)[1] if "\n" in markdown[index] else ""
    starts = list(QUESTION.finditer(text))
    numbers = [int(m.group(1)) for m in starts]
    if numbers != list(range(1, len(numbers) + 1)):
        problems.append(f"questions numbered {numbers}, not 1, 2, 3, …")
    if not 6 <= len(starts) <= 10:
        problems.append(f"{len(starts)} questions, not 6 to 10")
    ends = [m.start() for m in starts[1:]] + [len(text)]
    for match, end in zip(starts, ends, strict=True):
        if not ANSWER.match(text[match.start() : end]):
            problems.append(f"question {match.group(1)}: no folded answer right under it")
    return problems


def markdown_cells(path: Path) -> list[str]:
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    return ["".join(c["source"]) for c in cells if c["cell_type"] == "markdown"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_the_notebook_ends_with_a_questionnaire(path):
    assert questionnaire_problems(markdown_cells(path)) == []


def _quiz(count: int, answer: str = "<details><summary>Answer</summary>Yes.</details>") -> str:
    return HEADING + "\n\n" + "\n".join(f"{n}. Why?\n   {answer}" for n in range(1, count + 1))


def test_a_good_questionnaire_passes_and_each_fault_is_named():
    assert questionnaire_problems(["# NN", _quiz(6), "## Summary"]) == []
    missing = questionnaire_problems(["# NN", "## Summary"])
    assert missing == ["0 cells headed '## Questionnaire', not one"]
    assert questionnaire_problems([_quiz(7), "a", "b", "c", "d"]) == [
        "not among the last four markdown cells"
    ]
    assert questionnaire_problems([_quiz(5)]) == ["5 questions, not 6 to 10"]
    unfolded = _quiz(6, "Because.")
    assert questionnaire_problems([unfolded]) == [
        f"question {n}: no folded answer right under it" for n in range(1, 7)
    ]
    skipped = _quiz(7).replace("\n3. Why?", "\n4. Why?", 1)
    assert questionnaire_problems([skipped])[0].startswith("questions numbered [1, 2, 4")
