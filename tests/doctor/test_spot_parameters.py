"""The Spot API's parameters the kit relies on, kept in ``helpers/data/spot_parameters.json``
and derived again here from the docs' parameter tables when a copy of
binance-spot-api-docs is at hand (``KIT_SPOT_DOCS``, default the shared snapshot) — issue 30,
findings 17 (the doctor's boolean parameters) and 1 (list parameters: not one, several).
"""

import json
import os
import re
from pathlib import Path

import pytest

from helpers.doctor.request_checks import BOOLEAN_PARAMS
from helpers.mistakes import by_code

ROOT = Path(__file__).resolve().parents[2]
DATA = json.loads((ROOT / "helpers" / "data" / "spot_parameters.json").read_text("utf-8"))
DOCS = Path(os.environ.get("KIT_SPOT_DOCS", "/work/shared/reference/binance-spot-api-docs"))
needs_docs = pytest.mark.skipif(
    not (DOCS / "rest-api.md").is_file(), reason="no copy of binance-spot-api-docs at hand"
)

MD_ROW = re.compile(r"^\s*`?([A-Za-z][A-Za-z0-9]*)`?\s*\|\s*([A-Z][A-Z _]*?)\s*\|", re.M)
HTML_ROW = re.compile(
    r"<td[^>]*>\s*([A-Za-z][A-Za-z0-9]*)\s*</td>\s*<td[^>]*>\s*([A-Z][A-Z _]*?)\s*</td>"
)
HTML_NAME = re.compile(r"<tr>\s*<td[^>]*>\s*([A-Za-z][A-Za-z0-9]*)\s*</td>\s*</tr>")


def sections(text: str):
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


def shown_as_list(name: str, kind: str, body: str) -> bool:
    """Whether the section shows parameter ``name`` taking a JSON array."""
    n = re.escape(name)
    pattern = (rf"format for the (?:<tt>)?{n}\b|{n}=%5B|`{n}` can support single or multiple"
               rf"|Query for multiple {n}\b")  # fmt: skip
    return kind.startswith("ARRAY") or re.search(pattern, body) is not None


def derived(file: str) -> dict:
    """The boolean parameters and the list parameters (with their sections) of one file."""
    booleans, lists = set(), {}
    for heading, body in sections((DOCS / file).read_text("utf-8")):
        rows = MD_ROW.findall(body) + HTML_ROW.findall(body)
        rows += [(name, "") for name in HTML_NAME.findall(body)]
        for name, kind in rows:
            if kind == "BOOLEAN":
                booleans.add(name)
            if shown_as_list(name, kind, body):
                lists.setdefault(name, set()).add(heading)
    return {"boolean": sorted(booleans), "lists": {k: sorted(v) for k, v in sorted(lists.items())}}


@needs_docs
@pytest.mark.parametrize("file", ["rest-api.md", "web-socket-api.md"])
def test_the_data_file_is_what_the_docs_tables_say(file):
    assert DATA["checked_commit"] == "a5e0bc3"
    assert DATA["files"][file] == derived(file)


def test_the_doctors_boolean_parameters_are_the_documented_ones():
    assert "useServerTime" not in BOOLEAN_PARAMS  # not a Spot API parameter
    assert "showPermissionSets" in BOOLEAN_PARAMS  # GET /api/v3/exchangeInfo
    rest = DATA["files"]["rest-api.md"]["boolean"]
    assert BOOLEAN_PARAMS == set(rest) | set(DATA["files"]["web-socket-api.md"]["boolean"])


def test_the_rest_api_has_more_than_one_list_parameter_and_the_catalogue_names_them():
    lists = DATA["files"]["rest-api.md"]["lists"]
    assert set(lists) == {"symbols", "permissions"}
    assert len(lists["symbols"]) > 1 and lists["permissions"] == ["Exchange information"]
    why = by_code("JSON_ARRAY_ENCODING").why
    assert all(f"`{name}`" in why for name in lists)
