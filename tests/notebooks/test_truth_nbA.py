"""Notebooks 01–04 (issues 24 and 30): each claim held against a source the sentence cannot
change — the local exchange's own answer and the assumption it declares for it, the docs
snapshot's headings (``tests/data/docs_headings.json``, commit a5e0bc3), the registries, a
stored output — and, where a verdict is the local exchange's choice, the label the prose
must carry with it."""

import hashlib
import hmac
import json
import re
from pathlib import Path

import pytest
import requests
from test_citations import HEADINGS, heading_path_exists

from helpers.examples import EXAMPLE_API_KEY, EXAMPLE_SECRET_KEY, EXAMPLE_TIMESTAMP
from helpers.exchange import LocalExchange
from helpers.exchange.assumptions import ASSUMPTIONS, NOT_VERIFIED
from helpers.exercises.nb04_challenges import CHALLENGES
from helpers.mistakes import PITFALLS

ROOT = Path(__file__).resolve().parents[2]
MINE = ("01", "02", "03", "04")
SERVER_TIME = 1499827320000  # the docs' example timestamp + 441 ms, as the notebooks pin it
LABEL = re.compile(r"\bchoice\b")  # "the local exchange's choice", "its choice (of code)"
SPLIT = re.compile(r"(?<=[.!?])\s+|\s\|\s")  # sentences, as tests/notebooks/test_truth.py


def cells(name: str) -> list[dict]:
    path = next((ROOT / "notebooks").glob(f"{name}-*.ipynb"))
    return json.loads(path.read_text("utf-8"))["cells"]


def markdown(name: str) -> list[str]:
    """The notebook's markdown cells, each on one line with single spaces."""
    return [" ".join("".join(c["source"]).split()) for c in cells(name)
            if c["cell_type"] == "markdown"]  # fmt: skip


def prose(names=MINE) -> list[tuple[str, str]]:
    """(notebook, sentence) of the markdown cells of ``names``."""
    return [(name, s) for name in names for text in markdown(name) for s in SPLIT.split(text)]


def outputs(name: str) -> str:
    return "\n".join("".join(o.get("text", "")) for c in cells(name) for o in c.get("outputs", []))


def assumption(behaviour: str) -> tuple[str, str, str]:
    return next(row for row in ASSUMPTIONS if row[0] == behaviour)


def account_request(base_url: str, timestamp: int, *, header: bool) -> int:
    """GET /api/v3/account signed with the docs' secret; the error code it earns (0 if none)."""
    payload = f"timestamp={timestamp}"
    signature = hmac.new(EXAMPLE_SECRET_KEY.encode(), payload.encode(), hashlib.sha256)
    url = f"{base_url}/api/v3/account?{payload}&signature={signature.hexdigest()}"
    headers = {"X-MBX-APIKEY": EXAMPLE_API_KEY} if header else {}
    return requests.get(url, headers=headers, timeout=10).json().get("code", 0)


@pytest.fixture(scope="module")
def verdicts() -> dict[str, int]:
    with LocalExchange(clock=lambda: SERVER_TIME) as exchange:
        return {
            "seconds": account_request(exchange.base_url, EXAMPLE_TIMESTAMP // 1000, header=True),
            "no header": account_request(exchange.base_url, EXAMPLE_TIMESTAMP, header=False),
            "control": account_request(exchange.base_url, EXAMPLE_TIMESTAMP, header=True),
        }


SECONDS = re.compile(r"\bin seconds\b|\bseconds (?:are|earn|is|read)\b|int\(time\.time\(\)\)|"
                     r"seconds value", re.I)  # fmt: skip
MISSING_KEY = re.compile(r"\bmissing\b|\bwithout it\b|\bno `?X-MBX-APIKEY`? header", re.I)


def test_a_seconds_timestamp_earns_1021_only_by_the_local_exchanges_choice(verdicts):
    """Issue 30 (01 "Binance answers such a request with -1021"): rest-api.md → "Request
    Security" → "Timing security" refuses a 1970 timestamp but names no code; the local
    exchange answers -1021 and declares the unit rule unverified. Every sentence of 01–04 that
    gives a seconds timestamp its code says whose choice the code is."""
    assert verdicts["control"] == 0
    assert verdicts["seconds"] == -1021
    behaviour, choice, source = assumption("timestamp unit")
    assert "seconds" in choice and "-1021" in choice and NOT_VERIFIED in source
    claims = [(n, s) for n, s in prose() if "-1021" in s and SECONDS.search(s)]
    assert {n for n, _ in claims} >= {"01", "03", "04"}  # the scan reads what the fix wrote
    assert [(n, s) for n, s in claims if not LABEL.search(s)] == []


def test_a_missing_key_header_earns_2014_only_by_the_local_exchanges_choice(verdicts):
    """Issue 30 (03 "missing → -2014"): errors.md's -2014 is BAD_API_KEY_FMT, "API-key format
    invalid."; no section says what a request without `X-MBX-APIKEY` earns. The local exchange
    answers -2014 and declares its key rule unverified; 01–04 label the code wherever they
    give it to a missing key."""
    assert verdicts["no header"] == -2014
    assert any(text == "-2014 BAD_API_KEY_FMT" for _, text in HEADINGS["files"]["errors.md"])
    behaviour, choice, source = assumption("API-key header")
    assert "Missing" in choice and "-2014" in choice and NOT_VERIFIED in source
    claims = [(n, s) for n, s in prose() if "-2014" in s and MISSING_KEY.search(s)]
    assert {n for n, _ in claims} >= {"03"}
    assert [(n, s) for n, s in claims if not LABEL.search(s)] == []


# Endpoints whose `symbols` the docs snapshot documents as a JSON array (rest-api.md, with an
# example `["BTCUSDT","BNBUSDT"]` or `%5B%22…`), besides exchange information's `permissions`.
ARRAY_ENDPOINTS = ("Exchange information", "24hr ticker price change statistics",
                   "Trading Day Ticker", "Symbol price ticker", "Symbol order book ticker",
                   "Rolling window price change statistics")  # fmt: skip


def test_04_shows_two_list_parameters_and_no_notebook_calls_one_the_only():
    """Issue 30 finding 1: `symbols` is an array on several endpoints and `permissions` on
    exchange information. Notebook 04's stored output shows both sent by `requests` as
    repeated keys and by `query_string` as one percent-encoded JSON array."""
    rest = {text for _, text in HEADINGS["files"]["rest-api.md"]}
    assert set(ARRAY_ENDPOINTS) <= rest
    shown = outputs("04")
    for name in ("symbols", "permissions"):
        assert re.search(rf"requests: +{name}=\w+&{name}=\w+", shown), name
        assert re.search(rf"query_string: {name}=%5B%22\w+%22%2C%22\w+%22%5D", shown), name
    only = re.compile(r"\b(?:only|one|single|sole) list parameter", re.I)
    everywhere = [f"{p.name[:2]}" for p in sorted((ROOT / "notebooks").glob("[0-9]*.ipynb"))]
    assert [(n, s) for n, s in prose(everywhere) if only.search(s)] == []


def test_the_percent_encoding_rule_is_cited_where_the_docs_state_it():
    """Issue 30 finding 8a: the 2026-01-15 rule is in CHANGELOG.md → "2025-12-17" (and the
    step "Percent-encode the string" of rest-api.md → … → "HMAC Keys"), not in "SIGNED
    Endpoint security". A cell of 01–04 stating the date cites the changelog entry."""
    assert heading_path_exists("CHANGELOG.md", ["2025-12-17"])
    assert heading_path_exists("rest-api.md", ["Request Security", "SIGNED Endpoint Examples "
                                               "for POST /api/v3/order", "HMAC Keys"])  # fmt: skip
    stating = [(n, t) for n in MINE for t in markdown(n) if "2026-01-15" in t]
    assert {n for n, _ in stating} >= {"01", "04"}
    assert [n for n, t in stating if 'CHANGELOG.md → "2025-12-17"' not in t] == []
    assert [n for n, t in stating if '"SIGNED Endpoint security"' in t
            and "Signature Case Sensitivity" not in t] == []  # fmt: skip


GENERATED = re.compile(r"<!-- kit:([\w-]+) -->.*?<!-- /kit:\1 -->", re.S)  # helpers.course


def test_04_prints_its_counts_from_the_registries():
    """Issue 30 finding 4 / issue 24: no count typed in 04; the first cell prints how many
    pitfalls (``helpers.mistakes.PITFALLS``) and challenges (``CHALLENGES``) there are."""
    assert f"{len(PITFALLS)} pitfalls, {len(CHALLENGES)} of them for you to write" in outputs("04")
    number = r"\b(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\b"
    typed = re.compile(rf"{number} (?:you write|of them|challenges|exercises)", re.I)
    typed_by_hand = [GENERATED.sub("", t) for t in markdown("04")]  # generated blocks count
    assert [t for t in typed_by_hand if typed.search(t)] == []


ARTICLE = re.compile(r"\b(?:blog|seed) article\b|\bthe article\b", re.I)
TITLE = '"Understanding Binance API Key Authentication - HMAC SHA256"'


@pytest.mark.parametrize("name", MINE)
def test_the_seed_article_is_named_by_title_and_date_where_first_referred_to(name):
    """Issue 24 item 3: before notebook 09 shows it, the article is named where a notebook
    first refers to it, with its date, and points to notebook 09."""
    first = next((t for t in markdown(name) if ARTICLE.search(t)), None)
    assert first is not None, "the notebook refers to the article"
    assert TITLE in first and "2026-06-25" in first and "(09-fix-the-article.ipynb)" in first


QUESTION = re.compile(r"^\d+\. (?P<q>.+)\n   <details><summary>Answer</summary>(?P<a>.+)"
                      r"</details>$", re.M)  # fmt: skip


@pytest.mark.parametrize("name", MINE)
def test_a_questionnaire_closes_the_notebook(name):
    """Issue 24 item 4: one markdown cell headed `## Questionnaire`, among the last four
    markdown cells, 6–10 numbered questions, each answer folded right under it; at least one
    asks for a prediction."""
    texts = ["".join(c["source"]) for c in cells(name) if c["cell_type"] == "markdown"]
    quiz = [t for t in texts if t.startswith("## Questionnaire\n")]
    assert len(quiz) == 1 and quiz[0] in texts[-4:]
    numbered = re.findall(r"^\d+\. ", quiz[0], re.M)
    found = list(QUESTION.finditer(quiz[0]))
    assert 6 <= len(found) == len(numbered) <= 10
    assert [int(n[:-2]) for n in numbered] == list(range(1, len(numbered) + 1))
    assert any(re.search(r"\bPredict\b", m["q"]) for m in found)
