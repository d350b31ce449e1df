"""The beyond-Spot data is cited: every source ``helpers/data/products.toml`` names has its
passages kept in ``tests/data/beyond_sources.json``, every listed URL is written in its
source's passage, Spot-docs and connector passages are found in those repositories at the
commits named (when their mirrors are on this machine), and every fact is labelled."""

import json
import re
import subprocess
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DATA = tomllib.loads((ROOT / "helpers" / "data" / "products.toml").read_text("utf-8"))
KEPT = json.loads((ROOT / "tests" / "data" / "beyond_sources.json").read_text("utf-8"))
HEADINGS = json.loads((ROOT / "tests" / "data" / "docs_headings.json").read_text("utf-8"))
MIRRORS = {
    "binance/binance-spot-api-docs": Path("/work/.mirror/binance+binance-spot-api-docs/repo"),
    "binance/binance-connector-python": Path("/work/.mirror/binance+binance-connector-python/repo"),
}
LABELS = {"documented", "connector", "observed", "model"}


def passages(source_id: str) -> list[str]:
    kept = KEPT["sources"][source_id]
    if "files" in kept:
        return [text for texts in kept["files"].values() for text in texts]
    return list(kept["passages"])


def test_every_source_is_kept_and_every_kept_source_is_named():
    assert set(DATA["source"]) == set(KEPT["sources"])
    for source_id, source in DATA["source"].items():
        assert source["kind"] in LABELS - {"model"}, source_id
        kept = KEPT["sources"][source_id]
        assert source.get("commit", kept.get("commit")) == kept.get("commit"), source_id
        assert source.get("url", kept.get("url")) == kept.get("url"), source_id
        assert passages(source_id), source_id


@pytest.mark.parametrize("row", DATA["url"], ids=lambda row: row["base"])
def test_every_url_is_written_in_its_source(row):
    quoted = passages(row["source"])
    assert any(row["base"] in text for text in quoted), (row["base"], row["source"])
    if row["source"] == "connector":  # the constant named is the one holding this URL
        assert f'{row["where"]} = "{row["base"]}"' in quoted


def test_spot_docs_locations_are_headings_of_the_snapshot():
    files = HEADINGS["files"]
    for row in DATA["url"]:
        if row["source"] != "spot-docs":
            continue
        file, _, heading = row["where"].partition(" § ")
        heading = heading.split(" (")[0]
        if file in files:
            assert any(heading == title for _, title in files[file]), row["where"]


@pytest.mark.parametrize("source_id", [s for s in KEPT["sources"] if "files" in KEPT["sources"][s]])
def test_kept_passages_are_in_the_repository(source_id):
    kept = KEPT["sources"][source_id]
    mirror = MIRRORS[kept["repo"]]
    if not mirror.exists():
        pytest.skip(f"no mirror of {kept['repo']} on this machine")
    for file, texts in kept["files"].items():
        shown = subprocess.run(
            ["git", "-C", str(mirror), "show", f"{kept['commit']}:{file}"],
            capture_output=True, text=True, check=False,
        )  # fmt: skip
        if shown.returncode != 0:
            pytest.skip(f"{kept['commit'][:7]} is not in the mirror of {kept['repo']}")
        # a constant wrapped in parentheses over three lines is kept on one line
        text_read = re.sub(r'= \(\s*("[^"]*")\s*\)', r"= \1", shown.stdout)
        for text in texts:
            assert text in text_read, (file, text)


def test_every_fact_is_labelled_and_every_path_is_cited():
    quoted = " ".join(passages("connector-paths"))
    for name, product in DATA["product"].items():
        for key, value in product.items():
            if key.endswith("_certainty"):
                assert value in LABELS, (name, key)
        for line in product["signed_paths"] + product["public_paths"]:
            method, path = line.split(" ")
            assert method in ("GET", "POST", "DELETE", "PUT"), line
            assert path.startswith(product["path_prefix"] + "/") or name in ("spot", "margin")
            if not path.startswith("/api/"):
                assert f'path="{path}"' in quoted, (name, path)
        for line in product.get("user_stream_paths", ()):
            assert f'path="{line.split(" ")[1]}"' in quoted, (name, line)


def test_the_codes_are_the_ones_the_sources_give():
    observed = " ".join(passages("issue-ccxt-29099") + passages("issue-python-binance-1407"))
    futures = DATA["product"]["usdm-futures"]
    assert futures["wrong_place_code"] == -2008 and "-2008" in observed
    assert futures["wrong_place_msg"] == "Invalid Api-Key ID."
    assert "Invalid Api-Key ID" in observed
    assert "410 Gone" in " ".join(passages("issue-gocryptotrader-2190"))
    changelog = " ".join(KEPT["sources"]["spot-docs"]["files"]["CHANGELOG.md"])
    for retired in DATA["product"]["spot"]["retired_paths"]:
        method, path = retired.split(" ")
        assert f"`{method} {path}`" in changelog or f"* `{method} {path}`" in changelog
