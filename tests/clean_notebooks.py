"""Store executed notebooks the way they should be committed. Used by `make notebooks`.

- No widget state: it stores typed values, password boxes included.
- No stale widget views: a stored view names a widget model that no longer exists, and
  JupyterLab shows "Error displaying widget: model not found" until the cell is run. The
  output keeps its other forms (the playground's says "run this cell ... to start").
- Nothing JupyterLab would rewrite on open, so a notebook is not marked modified (●)
  before any edit: it sets ``metadata.language_info`` to what the kernel reports (all
  of it, the Python version included) and ``metadata.kernelspec`` to the kernel's name,
  display name and language; both are kept as the executing kernel wrote them.
- No per-run metadata (``execution`` timings), and one stream output where the kernel
  happened to flush a cell's stdout in several chunks (how it splits depends on timing).
"""

import json
import sys

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def clean_notebook(nb: dict) -> dict:
    """``nb`` (nbformat JSON) cleaned in place, and returned."""
    nb.get("metadata", {}).pop("widgets", None)
    for cell in nb["cells"]:
        cell.get("metadata", {}).pop("execution", None)
        if "outputs" in cell:
            cell["outputs"] = merged_streams(cell["outputs"])
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if WIDGET_VIEW in data and len(data) > 1:
                del data[WIDGET_VIEW]
    return nb


def merged_streams(outputs: list[dict]) -> list[dict]:
    """Consecutive stream outputs of the same stream (stdout, stderr) joined into one."""
    merged: list[dict] = []
    for output in outputs:
        last = merged[-1] if merged else None
        if (
            output.get("output_type") == "stream"
            and last is not None
            and last.get("output_type") == "stream"
            and last.get("name") == output.get("name")
        ):
            text = "".join(last["text"]) + "".join(output["text"])
            lines = text.splitlines(keepends=True)
            last["text"] = lines
        else:
            merged.append(output)
    return merged


def clean(path: str) -> None:
    with open(path, encoding="utf-8") as f:
        nb = json.load(f)
    clean_notebook(nb)
    with open(path, "w", encoding="utf-8") as f:
        json.dump(nb, f, indent=1, ensure_ascii=False)
        f.write("\n")


if __name__ == "__main__":
    for notebook in sys.argv[1:]:
        clean(notebook)
