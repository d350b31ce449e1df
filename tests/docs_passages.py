"""The passages of binance/binance-spot-api-docs the kit's tests rely on, kept in
``tests/data/docs_passages.json`` so that the tests run on any clone, with no copy of the
docs at hand.

Kept, for the docs at the commit ``checked_commit``:

- ``sections``: "file → heading": the text from that heading up to the next heading of the
  same or a higher level (``section_in``);
- ``leads``: "file → heading": the text from that heading up to the next heading of any
  level (``lead_in``), for a sentence that opens a long section;
- ``files_containing``: phrase: the docs' Markdown files whose text contains it;
- ``private_keys``: file: how many PEM private keys it prints (files with none left out);
- ``parameters``: file: its boolean parameters and its list parameters with the sections
  that show them (``parameters_in``, from the parameter tables).

``derive(root)`` takes every one of them again from a copy of the docs; one test
(``tests/notebooks/test_truth_nbB.py::test_the_kept_passages_are_the_docs_text``) compares
it with what is kept when ``KIT_DOCS_SNAPSHOT`` names such a copy. To keep one more
passage, name it and rewrite the file from a copy::

    python tests/docs_passages.py COPY --section "rest-api.md → Timing security"
"""

import argparse
import json
import os
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PATH = ROOT / "tests" / "data" / "docs_passages.json"
KEPT = json.loads(PATH.read_text("utf-8"))
SNAPSHOT_VARIABLE = "KIT_DOCS_SNAPSHOT"
FACTS = ("sections", "leads", "files_containing", "private_keys", "parameters")


def section(file: str, heading: str) -> str:
    """The docs' section ``heading`` of ``file``, as kept."""
    return KEPT["sections"][f"{file} → {heading}"]


def lead(file: str, heading: str) -> str:
    """The docs' text under ``heading`` of ``file`` before its first sub-heading, as kept."""
    return KEPT["leads"][f"{file} → {heading}"]


def passages() -> list[str]:
    """Every kept text of the docs: sections and leads."""
    return [*KEPT["sections"].values(), *KEPT["leads"].values()]


def files_containing(phrase: str) -> list[str]:
    """The docs' Markdown files that contain ``phrase``, as kept."""
    return KEPT["files_containing"][phrase]


def snapshot() -> Path | None:
    """The copy of the docs ``KIT_DOCS_SNAPSHOT`` names, if it does."""
    where = os.environ.get(SNAPSHOT_VARIABLE)
    return Path(where) if where else None


# -- taking the passages from a copy of the docs --------------------------------------------


def _headings(lines: list[str]) -> list[tuple[int, int, str]]:
    """(index, level, text) of every heading line, lines inside fenced code left out."""
    found, fence = [], False
    for i, line in enumerate(lines):
        if line.lstrip().startswith("```"):
            fence = not fence
        elif not fence and (match := re.match(r"(#+) (.*)$", line)):
            found.append((i, len(match[1]), match[2]))
    return found


def _passage(text: str, heading: str, ends) -> str:
    """The lines from the first heading ``heading`` to the first later heading ``ends``
    accepts (by its level), or to the end of the text."""
    lines = text.splitlines()
    headings = _headings(lines)
    found = [(i, n) for i, n, name in headings if name == heading]
    if not found:
        raise LookupError(f"no heading {heading!r} in this file")
    start, level = found[0]
    end = next((i for i, n, _ in headings if i > start and ends(n, level)), len(lines))
    return "\n".join(lines[start:end])


def section_in(text: str, heading: str) -> str:
    """The text under ``heading`` (any level) up to the next heading of that level or higher."""
    return _passage(text, heading, lambda level, own: level <= own)


def lead_in(text: str, heading: str) -> str:
    """The text under ``heading`` (any level) up to the next heading of any level."""
    return _passage(text, heading, lambda level, own: True)


MD_ROW = re.compile(r"^\s*`?([A-Za-z][A-Za-z0-9]*)`?\s*\|\s*([A-Z][A-Z _]*?)\s*\|", re.M)
HTML_ROW = re.compile(
    r"<td[^>]*>\s*([A-Za-z][A-Za-z0-9]*)\s*</td>\s*<td[^>]*>\s*([A-Z][A-Z _]*?)\s*</td>"
)
HTML_NAME = re.compile(r"<tr>\s*<td[^>]*>\s*([A-Za-z][A-Za-z0-9]*)\s*</td>\s*</tr>")


def _sections(text: str):
    """(heading, body) of every section of a Markdown file, fenced code left in the body."""
    name, lines, fence = None, [], False
    for line in text.splitlines():
        if line.lstrip().startswith("```"):
            fence = not fence
        heading = None if fence else re.match(r"^#{2,4} (.+)$", line)
        if heading:
            if name:
                yield name, "\n".join(lines)
            name, lines = heading.group(1).strip(), []
        else:
            lines.append(line)
    if name:
        yield name, "\n".join(lines)


def _shown_as_list(name: str, kind: str, body: str) -> bool:
    """Whether the section shows parameter ``name`` taking a JSON array."""
    n = re.escape(name)
    pattern = (rf"format for the (?:<tt>)?{n}\b|{n}=%5B|`{n}` can support single or multiple"
               rf"|Query for multiple {n}\b")  # fmt: skip
    return kind.startswith("ARRAY") or re.search(pattern, body) is not None


def parameters_in(text: str) -> dict:
    """The boolean parameters and the list parameters (with their sections) of one file's
    parameter tables."""
    booleans, lists = set(), {}
    for heading, body in _sections(text):
        rows = MD_ROW.findall(body) + HTML_ROW.findall(body)
        rows += [(name, "") for name in HTML_NAME.findall(body)]
        for name, kind in rows:
            if kind == "BOOLEAN":
                booleans.add(name)
            if _shown_as_list(name, kind, body):
                lists.setdefault(name, set()).add(heading)
    return {"boolean": sorted(booleans), "lists": {k: sorted(v) for k, v in sorted(lists.items())}}


def derive(root: Path, kept: dict = KEPT) -> dict:
    """Every fact of ``kept`` (its keys: which sections, phrases, files), taken again from the
    copy of the docs at ``root``."""
    files = {
        p.relative_to(root).as_posix(): p.read_text("utf-8") for p in sorted(root.rglob("*.md"))
    }

    def each(kind: str, take) -> dict:
        return {where: take(files[where.split(" → ", 1)[0]], where.split(" → ", 1)[1])
                for where in kept[kind]}  # fmt: skip

    keys = {name: text.count("BEGIN PRIVATE KEY") for name, text in files.items()}
    return {
        "sections": each("sections", section_in),
        "leads": each("leads", lead_in),
        "files_containing": {
            phrase: [name for name, text in files.items() if phrase in text]
            for phrase in kept["files_containing"]
        },
        "private_keys": {name: n for name, n in keys.items() if n},
        "parameters": {file: parameters_in(files[file]) for file in kept["parameters"]},
    }


def main() -> None:
    parser = argparse.ArgumentParser(description="Rewrite docs_passages.json from a copy.")
    parser.add_argument("copy", type=Path, help="a copy of binance-spot-api-docs")
    parser.add_argument("--section", action="append", default=[], help='"file → heading"')
    parser.add_argument("--lead", action="append", default=[], help='"file → heading"')
    parser.add_argument("--phrase", action="append", default=[], help="for files_containing")
    parser.add_argument("--parameters", action="append", default=[], help="a file's tables")
    args = parser.parse_args()
    wanted = {kind: dict(KEPT.get(kind, {})) for kind in FACTS}
    named = {"sections": args.section, "leads": args.lead,
             "files_containing": args.phrase, "parameters": args.parameters}  # fmt: skip
    for kind, names in named.items():
        wanted[kind].update(dict.fromkeys(names))
    facts = derive(args.copy, wanted)
    kept = {"about": KEPT["about"], "checked_commit": KEPT["checked_commit"], **facts}
    PATH.write_text(json.dumps(kept, ensure_ascii=False, indent=1) + "\n", "utf-8")


if __name__ == "__main__":
    main()
