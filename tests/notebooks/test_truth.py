"""What an outside review of the notebooks against Binance's docs (commit a5e0bc3) found
wrong, held by tests: each claim below is checked against the docs' facts or the kit's own
model, and the false sentences may not come back. (Citations: tests/notebooks/test_citations.py.)"""

import datetime
import hashlib
import hmac
import json
from pathlib import Path

import pytest
import requests

from helpers.examples import EXAMPLE_API_KEY, EXAMPLE_SECRET_KEY, EXAMPLE_TIMESTAMP
from helpers.exchange import LocalExchange
from helpers.exercises.debug import FORUM_ORDER
from helpers.mistakes import by_code

ROOT = Path(__file__).resolve().parents[2]

# Sentences the review found false, word for word as they stood.
FALSE_CLAIMS = (
    "everyone else, uses HMAC",  # faqs/api_key_types.md: "HMAC keys are deprecated."
    "(then, once that is fixed, `-1021`)",  # the kit's exchange answers -1021 first
    "The signature is not case sensitive",  # pre-2025-12-17 wording
    "and then generate the hash",  # a misquote of the seed article
    "using `requests` directly so that nothing is encoded",  # urllib3 upper-cases escapes
    "`-1105`, refused by the",  # the helpers refuse it: nothing is sent
    "so openssl refuses",  # OpenSSL 3.0 refuses Ed25519 in dgst with or without -sha256
    "the docs' curl commands in the same section",  # removed on 2025-12-17
    "../shared",  # the seed article is cited by title and date, not by a path outside the kit
)


def notebook(name: str) -> tuple[str, str]:
    """(every cell source, every stored output) of one notebook, each as one text."""
    path = next((ROOT / "notebooks").glob(f"{name}*.ipynb"))
    cells = json.loads(path.read_text("utf-8"))["cells"]
    sources = "\n".join("".join(c["source"]) for c in cells)
    outputs = []
    for c in cells:
        for o in c.get("outputs", []):
            outputs.append("".join(o.get("text", "")))
            outputs.extend("".join(v) for k, v in o.get("data", {}).items() if k == "text/plain")
    return sources, "\n".join(outputs)


def all_texts():
    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        yield path.name, " ".join(" ".join(notebook(path.stem)).split())
    for path in sorted([*(ROOT / "helpers").rglob("*.py"), *(ROOT / "helpers").rglob("*.toml")]):
        yield str(path.relative_to(ROOT)), " ".join(path.read_text("utf-8").split())


@pytest.mark.parametrize("claim", FALSE_CLAIMS)
def test_a_false_claim_does_not_come_back(claim):
    assert [where for where, text in all_texts() if claim in text] == []


def test_a_seconds_timestamp_read_as_milliseconds_is_january_1970():
    """1499827319 (the docs' example in seconds) read as milliseconds: 1970-01-18, not
    "49 years" before 2017."""
    moment = datetime.datetime.fromtimestamp(1499827319 / 1000, datetime.UTC)
    assert moment.date() == datetime.date(1970, 1, 18)
    assert "January 1970" in by_code("TIMESTAMP_IN_SECONDS").why


def test_length_extension_is_attached_to_secret_then_message_only():
    why = by_code("SECRET_CONCATENATED").why
    assert "sha256(secret + message) is also open to length extension" in why
    assert "sha256(message + secret) cannot be extended" in why


def test_no_demonstration_sends_a_list_to_an_endpoint_that_takes_none():
    """GET /api/v3/account takes no `symbols` (errors.md: -1103 "An unknown parameter was
    sent."); the list mistake is shown in notebook 04, not sent there."""
    assert by_code("JSON_ARRAY_ENCODING").pitfalls == ()
    sources, _ = notebook("04")
    assert '"/api/v3/account", {"symbols"' not in sources
    assert "exchangeInfo" in sources


def test_the_forum_request_gets_1021_first_in_the_kits_model():
    """Exercise 8.1: the docs give no check order; the kit's exchange checks timing before
    the signature, so the forum request (seconds, sorted payload) gets -1021, then -1022."""

    def send(exchange, timestamp):
        params = [*FORUM_ORDER, ("timestamp", str(timestamp))]
        sent = "&".join(f"{n}={v}" for n, v in params)
        signed = "&".join(f"{n}={v}" for n, v in sorted(params))
        signature = hmac.new(EXAMPLE_SECRET_KEY.encode(), signed.encode(), hashlib.sha256)
        url = f"{exchange.base_url}/api/v3/order?{sent}&signature={signature.hexdigest()}"
        return requests.post(url, headers={"X-MBX-APIKEY": EXAMPLE_API_KEY}).json()["code"]

    with LocalExchange(clock=lambda: 1499827320000) as exchange:
        assert send(exchange, EXAMPLE_TIMESTAMP // 1000) == -1021
        assert send(exchange, EXAMPLE_TIMESTAMP) == -1022
    sources, _ = notebook("08")
    assert "so it answers `-1021`, then `-1022` once the timestamp is fixed" in " ".join(
        sources.split()
    )


def test_06_sends_lowercase_escapes_byte_for_byte():
    sources, outputs = notebook("06")
    assert "http.client" in sources and "assert verdict.target == target" in sources
    assert "escapes received: %2b %2f %3d" in outputs  # the lowercase line, as received


def test_06_says_which_openssl_ran_and_what_dgst_did_without_sha256():
    _, outputs = notebook("06")
    assert "this cell ran: OpenSSL" in outputs
    assert "openssl dgst -sign (no -sha256)" in outputs


def test_01_says_plus_and_percent_20_at_the_kits_certainty():
    sources, _ = notebook("01")
    assert "not verified against Binance" in " ".join(sources.split())

