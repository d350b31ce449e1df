"""Issue 30's findings that live in shared code and data, each guarded by the fact: a value,
a code, a heading, an output — read from the kit, the docs' passages kept in
``tests/data/docs_passages.json`` (``tests/docs_passages.py``; checked against a copy of the
docs when ``KIT_DOCS_SNAPSHOT`` names one) or the pinned libraries.

8b/8c the assumptions cite what the Spot docs say, where they say it; 8d the FIX sample
cites a heading; 9 the URL normalisations named are the ones requests performs; 11a where
the paste-in doctor's secret goes; 11b widget state never saved; 11c the browser build has
no `cryptography`; 18 the listenKey endpoints are retired, and the percent-encoding rule
came to the Spot Testnet first.
"""

import ast
import json
import os
import re
from pathlib import Path

import pytest
import requests
from docs_passages import files_containing, passages, section

from helpers.doctor import paste_in
from helpers.exchange.assumptions import ASSUMPTIONS, assumption
from helpers.mistakes import MISTAKES, by_code
from helpers.mistakes.sources import cite

ROOT = Path(__file__).resolve().parents[2]
HEADINGS = json.loads((ROOT / "tests" / "data" / "docs_headings.json").read_text("utf-8"))


def quotes(text: str) -> list[str]:
    """The doc sentences ``text`` quotes: its quoted spans, headings left out."""
    headings = {h for file in HEADINGS["files"].values() for _, h in file}
    return [q for q in re.findall(r'"([^"]*)"', text) if q not in headings and len(q) > 8]


# -- 8b, 8c: the assumptions quote the section that says it ------------------------------


def test_the_websocket_sort_rule_is_quoted_from_the_hmac_example():
    source = assumption("WebSocket API payload")[2]
    assert '"SIGNED request example (HMAC)"' in source
    rule = "sort them in alphabetical order by parameter name"
    assert rule in quotes(source)
    assert rule in section("web-socket-api.md", "SIGNED request example (HMAC)").replace("**", "")
    assert rule not in section("web-socket-api.md", "SIGNED request security")


def plain(text: str) -> str:
    """Text without Markdown's emphasis and code marks, whitespace runs as one space."""
    return re.sub(r"\s+", " ", re.sub(r"[`*_]", "", text))


def test_every_sentence_the_assumptions_and_the_catalogue_quote_is_in_the_spot_docs():
    """Each quote is in a kept passage of the docs; a new quote needs the passage that says
    it kept too (``python tests/docs_passages.py COPY --section "file → heading"``)."""
    docs = [plain(text) for text in passages()]
    for behaviour, _, source in ASSUMPTIONS:
        for quote in quotes(source):
            assert any(plain(quote) in text for text in docs), (behaviour, quote)
    for mistake in MISTAKES:  # and the catalogue's
        for quote in quotes(f"{mistake.why} {mistake.fix}"):
            assert any(plain(quote) in text for text in docs), (mistake.code, quote)


def test_where_the_signature_sits_quotes_the_spot_docs_only():
    source = assumption("Where `signature` may sit")[2]
    assert "the end part" not in source
    assert "rest-api.md" not in files_containing("the end part")
    said = section("rest-api.md", "SIGNED Endpoint security")
    assert all(quote in said for quote in quotes(source))


# -- 8d: the FIX sample message's citation is a heading ------------------------------------


def heading_path_exists(file: str, path: list[str]) -> bool:
    headings = HEADINGS["files"][file]
    level, index = 0, 0
    for text in path:
        found = next((i for i in range(index, len(headings))
                      if headings[i][1] == text and headings[i][0] > level), None)  # fmt: skip
        if found is None:
            return False
        level, index = headings[found][0], found + 1
    return True


def test_the_fix_logon_samples_cite_headings_of_the_fix_docs():
    data = json.loads((ROOT / "helpers" / "data" / "fix_logon.json").read_text("utf-8"))
    for source in (data["source"], data["logon_request_sample"]["source"]):
        assert heading_path_exists("fix-api.md", source["heading"].split(" → ")), source
    assert data["logon_request_sample"]["source"]["heading"].endswith("Logon Request")


# -- 9: the normalisations the catalogue names are the ones requests makes -----------------


def test_the_url_normalisations_named_are_what_requests_does():
    why = by_code("URL_NORMALIZED_AFTER_SIGNING").why
    pairs = re.findall(r"`([^`]+)` → `([^`]+)`", why)
    assert pairs, why
    for before, after in pairs:
        url = requests.Request("GET", f"http://127.0.0.1/api?v={before}").prepare().url
        assert url.endswith(f"?v={after}"), (before, url)
    assert requests.Request("GET", "http://127.0.0.1/api?v=(x)").prepare().url.endswith("(x)")


# -- 11a, 11b, 11c -----------------------------------------------------------------------------


def test_the_paste_in_doctor_says_where_the_secret_goes_in_each_edition():
    where = paste_in.WHERE_THE_SECRET_GOES
    assert set(where) == {"desktop", "Binder", "browser edition"}
    assert "remote host" in where["Binder"] and "your machine" in where["desktop"]
    assert "stays in this page" in where["browser edition"]
    assert all(text in paste_in.NOTE for text in where.values())
    assert "Nothing leaves this page" not in paste_in.NOTE


def test_the_kits_lab_settings_turn_widget_state_saving_off():
    overrides = json.loads((ROOT / ".jupyter" / "lab-settings" / "overrides.json").read_text())
    assert overrides["@jupyter-widgets/jupyterlab-manager:plugin"] == {"saveState": False}
    schemas = list(Path(os.sys.prefix, "share", "jupyter", "labextensions").glob(
        "@jupyter-widgets/jupyterlab-manager/schemas/@jupyter-widgets/jupyterlab-manager/plugin.json"
    ))  # fmt: skip
    for schema in schemas:  # the setting is the widget manager's own, where it is installed
        assert "saveState" in json.loads(schema.read_text())["properties"]


def test_the_browser_build_packs_no_cryptography():
    tree = ast.parse((ROOT / "lite" / "build.py").read_text("utf-8"))
    packed = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name):
            if node.targets[0].id in ("LOCK_ROOTS", "PRELOAD", "WIDGET_PACKAGES"):
                packed[node.targets[0].id] = ast.unparse(node.value)
    assert len(packed) == 3 and all("cryptography" not in v for v in packed.values())
    from helpers import browser_edition

    assert "this offline build" in browser_edition.what_is_missing(ImportError("cryptography"))


# -- 18: the listenKey endpoints are retired; the percent-encoding rule came to Testnet first


@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE"])
def test_the_retired_listen_key_endpoints_answer_410_gone(exchange, method):
    """Retired 2026-02-20 (CHANGELOG 2026-01-21); HTTP 410 is what users report (observed:
    helpers/data/products.toml), so the local exchange answers it, not -1020."""
    response = requests.request(method, f"{exchange.base_url}/api/v3/userDataStream")
    assert response.status_code == 410


@pytest.mark.parametrize("method", ["userDataStream.start", "userDataStream.ping",
                                    "userDataStream.stop"])  # fmt: skip
def test_the_retired_websocket_methods_are_unknown(exchange, method):
    reply = exchange.handle_ws(json.dumps({"id": 1, "method": method, "params": {}}))
    assert reply["error"]["code"] == -1020


def test_the_listen_key_row_cites_the_changelog_that_retired_them():
    row = assumption("listenKey endpoints")
    assert cite("changelog-2026-01-21") == 'CHANGELOG.md → "2026-01-21"'
    assert 'CHANGELOG.md → "2026-01-21"' in row[2] and "2026-02-20" in row[1] + row[2]


def test_the_changelog_retires_the_endpoints_on_2026_02_20():
    said = section("CHANGELOG.md", "2026-01-21")
    assert "will no longer be available starting from **2026-02-20" in said
    for name in ("POST /api/v3/userDataStream", "PUT /api/v3/userDataStream",
                 "DELETE /api/v3/userDataStream", "userDataStream.start",
                 "userDataStream.ping", "userDataStream.stop"):  # fmt: skip
        assert f"`{name}`" in said


def test_the_percent_encoding_rule_was_enabled_on_the_spot_testnet_first():
    said = section("CHANGELOG.md", "2025-12-17")
    assert "2026-01-15" in said and "This has now been enabled on [SPOT Testnet]" in said
    source = assumption("Percent-encoding before signing")[2]
    assert 'CHANGELOG.md → "2025-12-17"' in source and "Testnet" in source
    for quote in quotes(source):
        assert quote in said or quote in section("rest-api.md", "HMAC Keys"), quote
