"""The course's way in, generated from one data file (``helpers/data/course.toml``): the
front door by error code, the 30-minute path, the map with a time per notebook, the time
line at the top of each notebook, and the glossary of notebook 00.

``python -m helpers.course --write`` rewrites every block between ``<!-- kit:NAME -->`` and
``<!-- /kit:NAME -->`` in README.md and the notebooks' markdown; ``--check`` lists the stale
ones. Standard library only (the browser edition runs notebook 00).

- ``helpers.course.data``      — course.toml, read and checked
- ``helpers.course.anchors``   — a heading's id the way JupyterLab 4 makes it
- ``helpers.course.sections``  — a notebook's headings, sections and their length
- ``helpers.course.timing``    — minutes from words, code cells and exercises
- ``helpers.course.render``    — the markdown of each block
- ``helpers.course.blocks``    — the marker blocks, found, rewritten, checked
"""

from helpers.course.blocks import stale_blocks, write_blocks
from helpers.course.data import course

__all__ = ["course", "stale_blocks", "write_blocks"]
