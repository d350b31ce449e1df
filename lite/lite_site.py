"""The site's copy of each notebook, for a reader in a browser tab (``lite/build.py``).

- the Pyodide kernel's kernelspec and ``language_info``, exactly as the kernel reports them:
  any difference is written back when the kernel connects, and the notebook opens marked
  "modified";
- multi-line output data joined into one string (JupyterLab's table of contents hands a
  stored ``text/markdown`` list to its Markdown lexer, which fails);
- the text written for the desktop swapped for the browser's where a markdown cell says
  ``<!-- desktop -->text<!-- browser: text -->`` (no ``make lab``, no 127.0.0.1 there);
- stored outputs without install commands (a browser tab installs nothing);
- on top, the note the measured record (``lite_record``) calls for.

``desktop_outputs`` collects every code cell's stored output by its source's hash: the kit's
wheel carries it, and a cell that needs the desktop shows it under its one-line note
(``helpers.browser_edition``, whose ``source_key`` both use). Standard library only.
"""

import json
import re
import sys
from pathlib import Path

from lite_record import READ_ONLY, ROOT, read_record

if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # the kit's own key for a cell (standard library only)
from helpers.browser_edition import source_key  # noqa: E402

SITE_KERNELSPEC = {"name": "python", "display_name": "Python (Pyodide)", "language": "python"}
# What jupyterlite-pyodide-kernel 0.8.6 reports in its kernel_info_reply (its worker's
# JavaScript); a browser test checks that no notebook opens marked "modified".
SITE_LANGUAGE_INFO = {
    "codemirror_mode": {"name": "python", "version": 3}, "file_extension": ".py",
    "mimetype": "text/x-python", "name": "python", "nbconvert_exporter": "python",
    "pygments_lexer": "ipython3", "version": "3.8",
}  # fmt: skip
BANNER_ID = "browser-edition-note"
DESKTOP_NOTE = (
    "> **This notebook needs the desktop kit.** In the browser edition it opens with the"
    " outputs the desktop kit stored; running it needs what a browser tab lacks ({why})."
    " The desktop kit (see the README) runs it."
)
SOME_CELLS_NOTE = (
    "> **In the browser edition this notebook runs, but {count} the desktop kit**"
    " (measured by running it here): each says so in one line, above the output the desktop"
    " kit stored. The desktop kit (see the README) runs them."
)
# An install command or the desktop's `make lab` in a stored output: the site's copy says
# instead that the desktop kit runs it (a browser tab installs nothing).
INSTALL_LINE = re.compile(r"^.*(?:pip install|apt-get install|brew install|make lab).*$", re.M)
INSTALL_NOTE = "(the desktop kit runs this; see the README for what it installs)"
EDITION = re.compile(r"<!-- desktop -->(.*?)<!-- browser: (.*?) -->", re.S)


def browser_text(markdown: str, where: str = "a markdown cell") -> str:
    """``markdown`` as a browser reader sees it: each desktop text swapped for its browser
    text. A ``<!-- desktop -->`` without its ``<!-- browser: ... -->`` is an error, and so is
    one opening a line (Markdown would read that whole line as raw HTML on the desktop)."""
    if re.search(r"^\s*(?:>\s*)?<!-- (?:desktop|browser:)", markdown, re.M):
        raise ValueError(f"{where}: a line opening with <!-- is raw HTML to Markdown")
    swapped = EDITION.sub(lambda match: match.group(2), markdown)
    if "<!-- desktop -->" in swapped or "<!-- browser:" in swapped:
        raise ValueError(f"{where}: a <!-- desktop --> text needs its <!-- browser: ... -->")
    return swapped


def browser_outputs(cell: dict) -> None:
    """A cell's stored outputs for a browser reader (in place): multi-line data joined into
    one string, install-command lines rewritten."""
    for output in cell.get("outputs", []):
        if "data" in output:
            output["data"] = {
                mime: "".join(value) if isinstance(value, list) else value
                for mime, value in output["data"].items()
            }
        for key, holder in (("text", output), ("text/plain", output.get("data", {}))):
            if key in holder:
                text = "".join(holder[key])
                holder[key] = INSTALL_LINE.sub(INSTALL_NOTE, text)


def banner(name: str, record: dict) -> str | None:
    """The note a notebook opens with in the site, from the record (None: it runs fully)."""
    from lite_record import NEEDS

    entry = record.get(name, {"verdict": READ_ONLY})
    if entry["verdict"] == READ_ONLY:
        why = NEEDS.get(name[:2], "the desktop's Python and command-line tools")
        return DESKTOP_NOTE.format(why=why)
    if entry["verdict"] != "runs fully":
        count = len(entry["desktop_only_cells"])
        return SOME_CELLS_NOTE.format(count=f"{count} cell{' needs' if count == 1 else 's need'}")
    return None


def site_notebook(source: Path) -> dict:
    """The site's copy of a notebook (see the module docstring)."""
    notebook = json.loads(source.read_text("utf-8"))
    notebook["metadata"]["kernelspec"] = SITE_KERNELSPEC
    notebook["metadata"]["language_info"] = SITE_LANGUAGE_INFO
    for index, cell in enumerate(notebook["cells"]):
        if cell["cell_type"] == "markdown":
            text = browser_text("".join(cell["source"]), f"{source.name} cell {index}")
            cell["source"] = text
        browser_outputs(cell)
    note = banner(source.name, read_record())
    if note is not None:
        notebook["cells"].insert(0, {"cell_type": "markdown", "id": BANNER_ID,
                                     "metadata": {}, "source": note})  # fmt: skip
    return notebook


def desktop_outputs(notebooks: list[dict]) -> dict[str, list]:
    """Every code cell's stored outputs (widgets left out: no state is stored) by its key."""
    table = {}
    for notebook in notebooks:
        for cell in notebook["cells"]:
            shown = [o for o in cell.get("outputs", []) if not _widget(o)]
            if cell["cell_type"] == "code" and shown:
                table[source_key("".join(cell["source"]))] = shown
    return table


def _widget(output: dict) -> bool:
    return "application/vnd.jupyter.widget-view+json" in output.get("data", {})
