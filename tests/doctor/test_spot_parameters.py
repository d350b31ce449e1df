"""The Spot API's parameters the kit relies on, kept in ``helpers/data/spot_parameters.json``
and held here against what the docs' parameter tables say, as kept in
``tests/data/docs_passages.json`` ("parameters", taken from the tables by
``tests/docs_passages.py``; checked against a copy of the docs when ``KIT_DOCS_SNAPSHOT``
names one) — issue 30, findings 17 (the doctor's boolean parameters) and 1 (list
parameters: not one, several).
"""

import json
from pathlib import Path

import pytest
from docs_passages import KEPT

from helpers.doctor.request_checks import BOOLEAN_PARAMS
from helpers.mistakes import by_code

ROOT = Path(__file__).resolve().parents[2]
DATA = json.loads((ROOT / "helpers" / "data" / "spot_parameters.json").read_text("utf-8"))


@pytest.mark.parametrize("file", ["rest-api.md", "web-socket-api.md"])
def test_the_data_file_is_what_the_docs_tables_say(file):
    assert DATA["checked_commit"] == KEPT["checked_commit"] == "a5e0bc3"
    assert DATA["files"][file] == KEPT["parameters"][file]


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
