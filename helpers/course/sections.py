"""A notebook read as the course sees it: its headings, the sections under them, and how
much there is to read, run and write in each.

A *segment* is a stretch of one cell: a code cell whole, a markdown cell cut at each heading
line. A section is its heading's segment and every segment after it up to the next heading
of the same or a higher level. Generated blocks (``<!-- kit:NAME -->`` … ``<!-- /kit:NAME -->``)
are not prose: they are left out of the words, so a block never changes the time it shows;
nor is the browser edition's text for a passage (``<!-- browser: … -->``), read instead of it.
"""

import json
import re
from dataclasses import dataclass
from pathlib import Path

from helpers.course.anchors import heading_id

__all__ = ["Effort", "Segment", "effort", "headings", "load", "section", "segments"]

BLOCK = re.compile(r"<!-- kit:([\w-]+) -->.*?<!-- /kit:\1 -->", re.S)
EDITION = re.compile(r"<!-- (?:desktop|browser: .*?) -->", re.S)  # lite/lite_site.py's marks
HEADING = re.compile(r"^ {0,3}(#{1,6})\s+\S.*$", re.M)
FENCE = re.compile(r"^```.*?^```[^\n]*$", re.S | re.M)


@dataclass(frozen=True)
class Segment:
    cell: int
    kind: str  # "markdown" or "code"
    text: str
    level: int = 0  # the heading's level, 0 when the segment does not start with one
    heading: str = ""  # the heading line's text after the #s
    exercise: bool = False


@dataclass(frozen=True)
class Effort:
    words: int
    code_cells: int
    exercises: int

    def __add__(self, other: "Effort") -> "Effort":
        return Effort(self.words + other.words, self.code_cells + other.code_cells,
                      self.exercises + other.exercises)  # fmt: skip


def load(path: Path) -> dict:
    return json.loads(Path(path).read_text(encoding="utf-8"))


def _markdown_segments(index: int, source: str) -> list[Segment]:
    fenced = FENCE.sub(lambda m: re.sub(r"#", " ", m.group(0)), source)  # no headings in code
    starts = [m.start() for m in HEADING.finditer(fenced)]
    bounds = [0, *starts] if not starts or starts[0] else starts
    found = []
    for begin, end in zip(bounds, [*bounds[1:], len(source)], strict=True):
        text = source[begin:end]
        match = HEADING.match(fenced, begin) if begin in starts else None
        level = len(match.group(1)) if match else 0
        heading = text.splitlines()[0].lstrip(" #").strip() if match else ""
        found.append(Segment(index, "markdown", text, level, heading))
    return found


def segments(notebook: dict) -> list[Segment]:
    """The notebook's segments, in order."""
    found = []
    for index, cell in enumerate(notebook["cells"]):
        source = "".join(cell["source"])
        if cell["cell_type"] == "markdown":
            found.extend(_markdown_segments(index, source))
        elif cell["cell_type"] == "code":
            tags = cell.get("metadata", {}).get("tags", [])
            found.append(Segment(index, "code", source, exercise="exercise" in tags))
    return found


def headings(notebook: dict) -> dict[str, str]:
    """Each heading's text (after the #s) → its JupyterLab id."""
    return {s.heading: heading_id(s.heading) for s in segments(notebook) if s.level}


def section(notebook: dict, heading: str) -> list[Segment]:
    """The segments of the section under ``heading`` (its exact text after the #s)."""
    found = segments(notebook)
    for start, head in enumerate(found):
        if head.level and head.heading == heading:
            end = next((i for i in range(start + 1, len(found))
                        if 0 < found[i].level <= head.level), len(found))  # fmt: skip
            return found[start:end]
    raise KeyError(f"no heading {heading!r}")


def effort(found: list[Segment]) -> Effort:
    """Prose words (generated blocks left out), code cells, exercises of ``found``."""
    prose = [EDITION.sub("", BLOCK.sub(" ", s.text)) for s in found if s.kind == "markdown"]
    words = sum(len(text.split()) for text in prose)
    code = [s for s in found if s.kind == "code"]
    return Effort(words, len(code), sum(s.exercise for s in code))
