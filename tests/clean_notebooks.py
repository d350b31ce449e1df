"""Strip what must never be committed in a notebook: widget state (it stores typed values,
password boxes included) and per-run metadata. Used by `make notebooks`."""

import json
import sys


def clean(path: str) -> None:
    with open(path, encoding="utf-8") as f:
        nb = json.load(f)
    nb.get("metadata", {}).pop("widgets", None)
    # The kernel records its exact Python version; keep the language only, so re-running
    # on another Python does not rewrite every notebook.
    nb.get("metadata", {})["language_info"] = {"name": "python"}
    for cell in nb["cells"]:
        cell.get("metadata", {}).pop("execution", None)
    with open(path, "w", encoding="utf-8") as f:
        json.dump(nb, f, indent=1, ensure_ascii=False)
        f.write("\n")


if __name__ == "__main__":
    for notebook in sys.argv[1:]:
        clean(notebook)
