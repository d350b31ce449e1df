"""The generated blocks: found between ``<!-- kit:NAME -->`` and ``<!-- /kit:NAME -->`` in
README.md and in the notebooks' markdown cells, rewritten, or listed when stale.

Only the text between a pair of markers is ever replaced; everything else in a file stays
byte for byte. ``time`` is the one block the generator adds where it is missing: at the end
of each notebook's first markdown cell.
"""

import json
import re
from collections.abc import Callable
from pathlib import Path

from helpers.course import render
from helpers.course.data import notebook_files

__all__ = ["NAMES", "fill", "stale_blocks", "write_blocks"]

NAMES = ("front-door", "thirty-minutes", "map", "time", "glossary")
MARKED = re.compile(r"(<!-- kit:([\w-]+) -->\n)(.*?)(<!-- /kit:\2 -->)", re.S)


def _renderer(root: Path, page: Path) -> Callable[[str], str]:
    """The text of each block NAME on ``page`` (README.md or a notebook)."""
    notebooks = root / "notebooks"
    prefix = "" if page.parent == notebooks else "notebooks/"
    makers = {
        "front-door": lambda: render.front_door(prefix),
        "thirty-minutes": lambda: render.thirty_minutes(prefix, notebooks),
        "map": lambda: render.map_table(prefix, notebooks),
        "time": lambda: render.time_line(page),
        "glossary": render.glossary,
    }

    def make(name: str) -> str:
        if name not in makers:
            raise ValueError(f"{page.name}: unknown block <!-- kit:{name} -->")
        return makers[name]()

    return make


def fill(text: str, make: Callable[[str], str]) -> str:
    """``text`` with every marked block's content replaced by ``make(name)``."""
    return MARKED.sub(lambda m: f"{m[1]}{make(m[2])}\n{m[4]}", text)


def _with_time_block(notebook: dict) -> None:
    first = next(c for c in notebook["cells"] if c["cell_type"] == "markdown")
    source = "".join(first["source"])
    if "<!-- kit:time -->" not in source:
        source = source.rstrip("\n") + "\n\n<!-- kit:time -->\n<!-- /kit:time -->"
        first["source"] = source.splitlines(keepends=True)


def _notebook_text(notebook: dict, make: Callable[[str], str]) -> str:
    _with_time_block(notebook)
    for cell in notebook["cells"]:
        if cell["cell_type"] == "markdown":
            source = "".join(cell["source"])
            cell["source"] = fill(source, make).splitlines(keepends=True)
    return json.dumps(notebook, indent=1, ensure_ascii=False) + "\n"


def _pages(root: Path, files: list[str] | None) -> list[Path]:
    if files is not None:
        return [root / name for name in files]
    return [root / "notebooks" / name for name in notebook_files()] + [root / "README.md"]


def _generated(root: Path, page: Path) -> str:
    make = _renderer(root, page)
    text = page.read_text(encoding="utf-8")
    if page.suffix == ".ipynb":
        return _notebook_text(json.loads(text), make)
    return fill(text, make)


def stale_blocks(root: Path, files: list[str] | None = None) -> list[str]:
    """The pages (relative to ``root``) whose blocks differ from what would be generated."""
    return [str(page.relative_to(root)) for page in _pages(root, files)
            if _generated(root, page) != page.read_text(encoding="utf-8")]  # fmt: skip


def write_blocks(root: Path, files: list[str] | None = None) -> list[str]:
    """Rewrite the stale pages; returns them. ``files``: paths relative to ``root``."""
    written = []
    for page in _pages(root, files):
        new = _generated(root, page)
        if new != page.read_text(encoding="utf-8"):
            page.write_text(new, encoding="utf-8")
            written.append(str(page.relative_to(root)))
    return written
