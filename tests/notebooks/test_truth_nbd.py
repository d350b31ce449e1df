"""Notebooks 10–12: the facts behind issue 30's findings 7, 14 and 15, the certainty of the
verdicts they state, and their questionnaires.

Each claim is held against what the kit computes now — a client library run offline, the
conformance suite, the mistake registry, the local exchange's assumption rows — and
against the notebook's stored output, so the prose cannot drift from either."""

import hashlib
import hmac
import json
import re
from pathlib import Path

import pytest
from test_truth import notebook, prose

from helpers import conformance
from helpers.clients import (
    BASE_ORDER,
    DOCS_ORDER,
    DOCS_WS_ORDER,
    library_ws_request,
    rest_request,
)
from helpers.exchange import LocalExchange
from helpers.exchange.assumptions import ASSUMPTIONS, NOT_VERIFIED
from helpers.mistakes import by_code
from helpers.mistakes.mistake import DOCUMENTED

ROOT = Path(__file__).resolve().parents[2]
MINE = ("10-", "11-", "12-")


def said(prefix: str) -> list[str]:
    """The prose sentences of one notebook (cells' sources, not outputs)."""
    return [s for where, s in prose() if where.startswith(prefix)]


def flat(text: str) -> str:
    return " ".join(text.split())


# --- finding 14: python-binance replaces recvWindow on REST, not on the WebSocket API ----


def test_10_python_binance_replaces_recv_window_on_rest_only():
    asked = dict(DOCS_ORDER)["recvWindow"]
    rest = dict(pair.split("=", 1) for pair in rest_request("python-binance", DOCS_ORDER)
                .signed.split("&"))  # fmt: skip
    assert rest["recvWindow"] != str(asked)  # REST: its own default, whatever you give
    ws_asked = dict(DOCS_WS_ORDER)["recvWindow"]
    assert str(library_ws_request("python-binance").params["recvWindow"]) == str(ws_asked)
    # section 5's stored output shows the same: python-binance's frame keeps 5000
    _, outputs = notebook("10-")
    block = outputs.split("The same WebSocket API request, three clients", 1)[1]
    block = block.split("python-binance", 1)[1].split("ccxt", 1)[0]
    assert re.search(rf"recvWindow sent\s+{ws_asked}\b", block), block
    # and the prose that says it overwrites yours says where
    claims = [s for s in said("10-") if re.search(r"overwrites|whatever you (?:pass|gave)", s)]
    assert claims
    assert [s for s in claims if "REST" not in s] == []


# --- finding 7: `+` and `%20` -- the local exchange's choice, printed from the registry ---


def test_10_plus_and_percent_20_are_the_local_exchanges_choice():
    certainty = by_code("SPACE_PLUS_VS_PERCENT20").certainty
    assert certainty != DOCUMENTED
    _, outputs = notebook("10-")
    assert flat(certainty) in flat(outputs)  # printed at run time, not typed
    # the local exchange does accept both when each is signed as sent (section 2)
    ex = LocalExchange(clock=lambda: 1499827320000).start()
    try:
        order = {**dict(BASE_ORDER), "newClientOrderId": "kit order 1"}
        sent = {c: rest_request(c, order, exchange=ex) for c in ("binance-sdk-spot", "ccxt")}
    finally:
        ex.stop()
    assert "kit+order+1" in sent["binance-sdk-spot"].sent_payload
    assert "kit%20order%201" in sent["ccxt"].sent_payload
    assert all(capture.verdict.accepted for capture in sent.values())
    # no sentence of 10 calls the two forms fine or harmless as a fact about Binance
    both = [s for s in said("10-") if "`+`" in s and "`%20`" in s]
    assert both
    assert [s for s in both if re.search(r"\bfine\b|harmless", s)] == []
    accepted = [s for s in both if re.search(r"accept|pass", s)]
    assert [s for s in accepted if "local exchange" not in s] == []


# --- finding 15: a space is SIGNED_BEFORE_ENCODING, non-ASCII text NON_ASCII_UNENCODED ---


def article_signer(case):
    """The seed article's JavaScript of notebook 12, in Python: pairs joined raw."""
    if case["api"] != "rest" or case["key_type"] != "HMAC":
        return {"unsupported": "REST with HMAC only"}
    query = "&".join(f"{k}={v}" for k, v in case["query"])
    body = "&".join(f"{k}={v}" for k, v in case["body"])
    signature = hmac.new(case["secret"].encode(), (query + body).encode(),
                         hashlib.sha256).hexdigest()  # fmt: skip
    if body:
        return {"query": query, "body": body + "&signature=" + signature}
    return {"query": query + "&signature=" + signature, "body": ""}


def test_12_names_the_suites_code_for_a_space_and_for_non_ascii_text():
    report = conformance.run(article_signer, api="rest", key_type="HMAC")
    codes = {r.name: r.codes for r in report.results}
    space, non_ascii = codes["hmac-space"], codes["hmac-non-ascii-value"]
    assert space == ("SIGNED_BEFORE_ENCODING",) and non_ascii == ("NON_ASCII_UNENCODED",)
    text = " ".join(said("12-"))
    assert re.findall(r"`([A-Z_]+)` for a space", text) == list(space)
    assert re.findall(r"`([A-Z_]+)` for non-ASCII", text) == list(non_ascii)
    _, outputs = notebook("12-")
    if "hmac-space" in outputs:  # node ran: the article's own report agrees
        assert re.search(r"hmac-space\s+FAIL\s+SIGNED_BEFORE_ENCODING\b", outputs)


# --- systematic fix: the codes 11 gives a key's causes are labelled ----------------------


def test_11_labels_the_codes_the_local_exchange_gives_a_keys_causes():
    """The assumption rows that answer -2014/-2015 are not verified against Binance, so
    every sentence of 11 stating a code as an answer says it is the local exchange's."""
    rows = [(b, s) for b, choice, s in ASSUMPTIONS if re.search(r"-201[45]", choice)]
    assert rows
    assert [b for b, source in rows if NOT_VERIFIED not in source] == []
    answers = [s for s in said("11-") if re.search(r"answers? `-\d{4}`", s)]
    assert answers
    assert [s for s in answers if "local exchange" not in s] == []
    # and no sentence calls the -2015 causes undocumented: the WebSocket API names them
    assert [s for s in said("11-") if "not documented" in s and "-2015" in s] == []


# --- questionnaires (issue 24 item 4) ----------------------------------------------------


@pytest.mark.parametrize("prefix", MINE)
def test_questionnaire_closes_the_notebook(prefix):
    path = next((ROOT / "notebooks").glob(f"{prefix}*.ipynb"))
    cells = json.loads(path.read_text("utf-8"))["cells"]
    markdown = ["".join(c["source"]) for c in cells if c["cell_type"] == "markdown"]
    found = [m for m in markdown if m.splitlines()[0] == "## Questionnaire"]
    assert len(found) == 1 and found[0] in markdown[-4:]
    questions = re.findall(
        r"^(\d+)\. (.+)\n   <details><summary>Answer</summary>(.+)</details>$", found[0], re.M
    )
    assert 6 <= len(questions) <= 10
    assert [int(n) for n, _, _ in questions] == list(range(1, len(questions) + 1))
    assert len(questions) == len(re.findall(r"^\d+\. ", found[0], re.M))
    assert any("Predict" in q for _, q, _ in questions)
