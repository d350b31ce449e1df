"""Every pitfall in the registry earns its documented verdict from the local exchange,
and every fix is accepted with the server receiving exactly the bytes that were signed."""

import inspect

import pytest

from helpers.doctor import CODES
from helpers.mistakes import PITFALLS, Context, attempt, by_name, catalogue, demonstrate
from helpers.mistakes.demonstration import code_of

# The clock is pinned 441 ms after the examples' timestamp: inside the 5000 ms window.
SERVER_TIME = 1499827320000


@pytest.mark.parametrize("pitfall", PITFALLS, ids=lambda p: p.name)
def test_wrong_way_earns_the_expected_verdict(exchange, pitfall):
    outcome = attempt(pitfall.wrong, exchange)
    assert outcome.code == pitfall.expected, outcome
    assert (outcome.status == 200) == (pitfall.expected == 0)


@pytest.mark.parametrize("pitfall", PITFALLS, ids=lambda p: p.name)
def test_right_way_is_accepted_byte_for_byte(exchange, pitfall):
    outcome = attempt(pitfall.right, exchange)
    assert outcome.accepted and outcome.status == 200, outcome
    assert outcome.received == outcome.signed
    assert outcome.comparison().equal


@pytest.mark.parametrize(
    "name", [p.name for p in PITFALLS if p.expected == -1022], ids=lambda n: n
)
def test_signature_failures_show_where_the_bytes_differ(exchange, name):
    outcome = attempt(by_name(name).wrong, exchange)
    # Either the bytes differ (shown by the comparison), or the key or the signature's
    # construction did (the doctor's "key" and "signature" stages: a secret with a newline,
    # the API key as the secret, sha256(payload + secret), base64 instead of hex...).
    key_or_signature = {c.code for c in CODES if c.stage in ("key", "signature")}
    assert (not outcome.comparison().equal) or by_name(name).code in key_or_signature


def test_the_catalogue_covers_what_notebook_04_promises():
    assert len(PITFALLS) >= 15
    assert len({p.name for p in PITFALLS}) == len(PITFALLS)
    for p in PITFALLS:
        assert p.name == p.name.lower() and " " not in p.name
        assert p.code.isupper()
        assert p.title and p.why and p.fix
        # Short enough to read in a notebook cell, shown from its `def` (no @pitfall).
        assert len(code_of(p.wrong).splitlines()) <= 16, p.name
        assert code_of(p.wrong).startswith(f"def {p.wrong.__name__}(ctx):"), p.name
        assert inspect.getsource(p.wrong).startswith("@pitfall("), p.name


def test_by_name_lists_the_names_when_it_fails():
    with pytest.raises(KeyError, match="there are: mojibake-sent-as-signed"):
        by_name("nope")


def test_attempt_needs_somewhere_to_send():
    with pytest.raises(TypeError, match="pass a LocalExchange"):
        attempt(by_name("uppercase-hex").wrong)


def test_context_repr_hides_the_secret():
    assert "Nhq" not in repr(Context(base_url="http://127.0.0.1:1"))


def test_demonstration_shows_code_comparison_and_both_verdicts(exchange):
    shown = demonstrate("trailing-newline", exchange)
    text = repr(shown)
    assert "def trailing_newline(ctx):" in text and "def open_orders_right(ctx):" in text
    assert "first difference at byte 37" in text  # right after the 37-byte query: "\n"
    assert "verdict: HTTP 400, -1022 (documented) Signature for this request is not valid." in text
    assert "verdict: HTTP 200, accepted" in text
    page = shown._repr_html_()
    assert "<mark>\\x0a</mark>" in page and "color:#cf222e" in page


def test_catalogue_rows_are_the_servers_verdicts(exchange):
    rows = catalogue(exchange).rows()
    assert [r[0] for r in rows] == [p.name for p in PITFALLS]
    assert rows[0][2].startswith(
        "HTTP 400, -1102 (local exchange's choice) Mandatory parameter 'timestamp'"
    )
    assert all(r[3] == "HTTP 200, accepted" for r in rows)
