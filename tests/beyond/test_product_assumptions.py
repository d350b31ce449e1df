"""The beyond-Spot assumption rows have the shape of ``assumptions.ASSUMPTIONS`` (so the
lead can join them), render in its table, and every URL they cite is a kept source."""

import json
import re
from pathlib import Path

from helpers.exchange.assumptions import markdown_table
from helpers.exchange.product_assumptions import PRODUCT_ASSUMPTIONS

KEPT = json.loads(
    (Path(__file__).resolve().parents[2] / "tests/data/beyond_sources.json").read_text("utf-8")
)


def test_rows_have_the_assumptions_shape_and_render():
    for row in PRODUCT_ASSUMPTIONS:
        assert len(row) == 3 and all(isinstance(cell, str) and cell for cell in row)
    table = markdown_table(PRODUCT_ASSUMPTIONS)
    assert all(row[0] in table for row in PRODUCT_ASSUMPTIONS)


def test_every_url_cited_is_kept():
    kept = {source.get("url") for source in KEPT["sources"].values()}
    for _, _, source in PRODUCT_ASSUMPTIONS:
        for url in re.findall(r"https://\S+?(?=[ ,;)]|$)", source):
            assert url in kept, url


def test_each_row_says_what_is_the_models_choice():
    for behaviour, _, source in PRODUCT_ASSUMPTIONS:
        assert "model's choice" in source or "documented" in source, behaviour
